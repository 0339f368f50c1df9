// The answer model: what the chat core returns and every channel renders (web, Zalo, Messenger,
// Bot Framework). It is structured content, not a format: channels choose how to show it.
import type { Aspect } from '../search/phrases';

export type Inline = string | { bold: string } | { link: { label: string; url: string } };

/** One thing to bring: a tick box (☐ in text, a checklist on the web). */
export interface ChecklistItem {
  /** What to bring, short, with its counts and forms. */
  text: Inline[];
  /** The situation it applies to ("Trường hợp ủy quyền"); shown before the text. */
  condition?: string;
  /** The rest of the source's text: collapsed under the item on the web, in full in Markdown and text (it often says what may replace the document). */
  detail?: Inline[];
  /** Sub-items ("… hai bộ bản vẽ thiết kế, mỗi bộ gồm:" → the drawings). */
  children?: ChecklistItem[];
}

export type Block = BlockContent & {
  /** The case (trường hợp, its index in the record) the block is about, in an answer that lists several. */
  case?: number;
};

type BlockContent =
  | { type: 'heading'; text: Inline[] }
  | { type: 'paragraph'; text: Inline[] }
  | {
      type: 'list';
      ordered: boolean;
      items: Inline[][];
      /**
       * The same items, compact, for a short answer (worker/chat/short.ts): a fee's amount without
       * the catalog's text about it. Same length as items; absent when the items are compact already.
       */
      brief?: Inline[][];
    }
  /**
   * Documents to bring, each a tick box. `group` is where they are read (worker/catalog/checklist.ts):
   * a short answer lists everyone's documents and those to present, and counts the "tùy trường hợp" ones.
   */
  | { type: 'checklist'; title?: string; group?: 'everyone' | 'present' | 'conditional'; items: ChecklistItem[] }
  | { type: 'table'; header: string[]; rows: Inline[][][] }
  | { type: 'note'; text: Inline[] }
  /**
   * Secondary content a reader opens when they want it (the notes of a document list): collapsed on
   * the web (<details>). Where a channel cannot collapse (Markdown, plain text) the summary stays and
   * the content is one click away on the procedure's page, linked in the source line; a short answer
   * (chat/short.ts) counts its items, behind the link to the procedure's public page.
   */
  | { type: 'collapsible'; summary: Inline[]; blocks: Block[] };

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
