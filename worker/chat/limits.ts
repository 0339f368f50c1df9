// What a citizen may send in one go: a chat message (web, Zalo, Messenger, Bot Framework), a search
// query and a feedback comment all stop at 1,000 characters (the widget counts down to it). A
// question is a sentence or two; a longer text is a pasted document, never a question the
// catalog can answer, and it would cost the search time for nothing.
export const MAX_MESSAGE_LENGTH = 1000;
