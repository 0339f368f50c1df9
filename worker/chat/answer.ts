// The answer model: what the chat core returns and every channel renders (web, Zalo, Messenger,
// Bot Framework). It is structured content, not a format: channels choose how to show it.
import type { Aspect } from '../search/phrases';

export type Inline = string | { bold: string } | { link: { label: string; url: string } };

export type Block =
  | { type: 'heading'; text: Inline[] }
  | { type: 'paragraph'; text: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  /** Documents to bring: a tick box each (rendered as ☐ in text, a checklist on the web). */
  | { type: 'checklist'; title?: string; items: Inline[][] }
  | { type: 'table'; header: string[]; rows: Inline[][][] }
  | { type: 'note'; text: Inline[] };

export type Intent =
  | 'greeting'
  | 'help'
  | 'thanks'
  | 'bye'
  | 'out_of_scope'
  | 'procedure'
  | 'clarify'
  | 'unmatched'
  /** A turn of the dossier status lookup (worker/dossier/flow.ts). */
  | 'dossier_status';

export interface Suggestion {
  /** Short label for a quick-reply chip or button. */
  label: string;
  /** The message sent when chosen. */
  message: string;
}

export interface Answer {
  intent: Intent;
  /** The aspect answered; 'overview' when none was named. */
  aspect: Aspect | 'overview' | null;
  procedure?: { code: string; name: string; url: string | null };
  blocks: Block[];
  suggestions: Suggestion[];
  /** Where to submit online, when the procedure has an online method. */
  submitUrl?: string;
  /** Procedure codes the answer was composed from. */
  sources: string[];
  /** A procedure was found and answered (for the centre's statistics). */
  matched: boolean;
  /**
   * The answer depends on who asks and on an outside system (a dossier lookup): it is never
   * cached or shared between conversations.
   */
  personal?: boolean;
  /** What the exchange log keeps instead of the question, when the question itself is a secret (verification digits). */
  loggedQuestion?: string;
}
