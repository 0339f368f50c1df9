// npm run ask -- "câu hỏi" [--search] — the chat engine's answer to one question, as the `text`
// rendering shows it, with the query analysis and the search's top candidates: for looking at why
// a question gets the answer it gets.
import { newSession } from '../worker/chat/engine.ts';
import { renderReply } from '../worker/chat/render.ts';
import { loadChat } from './lib/chat.ts';
import { wordsText, type Words } from '../worker/search/text.ts';

const args = process.argv.slice(2);
const question = args.filter((a) => !a.startsWith('--')).join(' ');
if (!question) {
  console.error('usage: npm run ask -- "câu hỏi"');
  process.exit(2);
}
const { chat, search } = loadChat();
const { query, hits } = search.search(question, { limit: 8 });
const words = (w: Words) => wordsText(w);
console.log({ codes: query.codes, aspects: query.aspects, provinces: query.provinces, readings: query.readings.map(words), focus: query.focus && words(query.focus), corrections: query.corrections });
for (const h of hits) console.log(`  ${h.score.toFixed(3)} ${h.code} ${h.name.slice(0, 120)}`);
if (!args.includes('--search')) {
  const { answer } = await chat.respond(question, newSession());
  console.log(`\n[${answer.intent} ${answer.aspect ?? ''} ${answer.procedure?.code ?? ''}]`);
  console.log(renderReply(answer.blocks).text);
}
