// What every messaging channel (Zalo OA, Messenger, Bot Framework) shares: request verification
// primitives, the answer as plain text cut to a channel's length limit (an answer about a procedure
// in its short form, chat/short.ts, at most 2 messages), de-duplication of webhook
// redeliveries and outbound calls with a timeout and bounded retries. Nothing here knows a
// particular channel's API, and nothing here needs the engine (see turn.ts for a conversation turn).
import type { Answer, Block, Suggestion } from '../chat/answer';
import { parseChoice } from '../chat/choice';
import { toText } from '../chat/render';
import { isLinkBlock, shortForm } from '../chat/short';
import { AppError } from '../errors';
import type { Refusal } from '../http/validate';
import { logFailureOnce } from '../lib/log';
import { channelText, chatText, messages } from '../messages';

// ---------------------------------------------------------------------------------------------
// Bytes, hashes, signatures.

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Bytes WebCrypto accepts (a copy: the body reader's chunks may sit on any kind of buffer). */
function bufferSource(data: Uint8Array | string): Uint8Array<ArrayBuffer> {
  return typeof data === 'string' ? utf8(data) : new Uint8Array(data);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const b of view) out += b.toString(16).padStart(2, '0');
  return out;
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bufferSource(data)));
}

export async function hmacSha256Hex(secret: string, data: Uint8Array | string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toHex(await crypto.subtle.sign('HMAC', key, bufferSource(data)));
}

/** A webhook payload that passed its signature check but not its schema: 400 naming the field. */
export const WEBHOOK_REFUSAL: Refusal = { code: 'invalid_payload', generic: (field) => messages.errors.webhook_payload_invalid(field || 'body') };

export const unauthorized = () => new AppError(401, 'invalid_signature', messages.errors.signature_invalid);
export const channelOff = () => new AppError(404, 'not_found', messages.errors.not_found);

// ---------------------------------------------------------------------------------------------
// The answer as plain text for a channel.

/** The blocks without the lines that are only one of these links, for channels that show them as buttons. */
export function withoutLinkLines(blocks: Block[], ...urls: (string | undefined)[]): Block[] {
  const shown = urls.filter((u): u is string => Boolean(u));
  return shown.length ? blocks.filter((b) => !shown.some((u) => isLinkBlock(b, u))) : blocks;
}

const stripNumber = (label: string) => label.replace(/^\d{1,2}[.)]\s*/u, '');

/**
 * The suggestions as a numbered list ("1. Lệ phí bao nhiêu?"), for channels without quick replies,
 * or null when the answer's text already lists them (a list of procedures to choose from).
 */
export function numberedSuggestions(suggestions: Suggestion[], body: string): string | null {
  if (suggestions.length === 0) return null;
  const labels = suggestions.map((s) => stripNumber(s.label));
  const listed = labels.every((l) => {
    const core = l.replace(/…$/u, '').trim();
    return core.length > 0 && body.includes(core);
  });
  if (listed) return null;
  return [channelText.chooseByNumber, ...labels.map((l, i) => `${i + 1}. ${l}`)].join('\n');
}

/**
 * A reply to a numbered list ("2", "số 2", "cái thứ hai") as the message of the suggestion it
 * names, or null when the reply is not a number within the list.
 */
export function resolveNumberedReply(text: string, suggestions: Suggestion[]): string | null {
  if (suggestions.length === 0) return null;
  // Empty labels: only the number forms of parseChoice can match, never words of a question.
  const index = parseChoice(text, suggestions.map(() => ''));
  return index === null ? null : (suggestions[index]?.message ?? null);
}

/** At most this many messages for an answer about a procedure: its short form, the rest on its page… */
export const SHORT_ANSWER_MESSAGES = 2;
/** …of this many characters (a Zalo message; Bot Framework's text is sized as Zalo's and Messenger's). */
export const SHORT_ANSWER_MESSAGE_LENGTH = 2000;

export interface ChannelTextOptions {
  /** Longest message the channel takes, in UTF-16 code units (never more than the channel counts). */
  maxLength: number;
  /**
   * 'text': the submission link is a "Nộp hồ sơ trực tuyến: <url>" line of the text.
   * 'omit': the adapter shows it otherwise (a button), so the line is left out.
   */
  submitLink: 'text' | 'omit';
  /** Append the suggestions as a numbered list (channels without quick replies). */
  numberSuggestions?: boolean;
  /**
   * The procedure's public page (worker/http/public-url.ts). With it, an answer about a procedure is
   * sent in its short form (worker/chat/short.ts): at most SHORT_ANSWER_MESSAGES messages, what is
   * left out behind "Xem đầy đủ: <page>".
   */
  pageUrl?: string;
  /** 'omit': the adapter shows the page's link as a button, so its line is left out. */
  pageLink?: 'text' | 'omit';
}

/** The answer's blocks as a channel sends them: the short form when the procedure's page is known. */
export function channelBlocks(answer: Answer, opts: ChannelTextOptions): Block[] {
  if (!opts.pageUrl || !isShortened(answer, opts)) return answer.blocks;
  return shortForm(answer, { pageUrl: opts.pageUrl, fits: (blocks) => channelPieces(answer, blocks, opts).length <= SHORT_ANSWER_MESSAGES });
}

/** An answer about a procedure, with its page known, is sent in its short form. */
export function isShortened(answer: Answer, opts: Pick<ChannelTextOptions, 'pageUrl'>): boolean {
  return Boolean(opts.pageUrl) && answer.intent === 'procedure' && answer.procedure !== undefined;
}

/** The blocks as the channel's text messages: links shown as buttons left out, the submission link and the numbered suggestions added. */
export function channelPieces(answer: Answer, blocks: Block[], opts: ChannelTextOptions): string[] {
  const shown = withoutLinkLines(blocks, opts.submitLink === 'omit' ? answer.submitUrl : undefined, opts.pageLink === 'omit' ? opts.pageUrl : undefined);
  let text = toText(shown);
  if (opts.submitLink === 'text' && answer.submitUrl && !text.includes(answer.submitUrl)) {
    text += `\n\n${chatText.submitOnline}: ${answer.submitUrl}`;
  }
  if (opts.numberSuggestions) {
    const menu = numberedSuggestions(answer.suggestions, text);
    if (menu) text += `\n\n${menu}`;
  }
  return splitText(text, opts.maxLength);
}

/** The answer as plain-text messages, each within the channel's limit. */
export function renderChannelText(answer: Answer, opts: ChannelTextOptions): string[] {
  return channelPieces(answer, channelBlocks(answer, opts), opts);
}

/** Shortens a label to max code points, ending with "…" when cut (never halves a character). */
export function truncateLabel(label: string, max: number): string {
  const chars = Array.from(label.trim());
  if (chars.length <= max) return chars.join('');
  return `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------
// Splitting a long text into messages.

/**
 * Cuts text into pieces of at most max UTF-16 code units, at the largest boundary that works:
 * between paragraphs (blank line), then lines, then sentences, then words. A word (a URL is one
 * word) is cut only when it alone is longer than max, and then never inside a surrogate pair.
 * Pieces are trimmed; empty pieces are dropped.
 */
export function splitText(text: string, max: number): string[] {
  if (!(max >= 1)) throw new RangeError('max must be at least 1');
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.length <= max) return [trimmed];
  return pack(trimmed, max, 0);
}

type Level = { split: (s: string) => string[]; join: string };

const LEVELS: Level[] = [
  // Paragraphs (blocks of the answer).
  { split: (s) => s.split(/\n[ \t]*\n+/u), join: '\n\n' },
  // Lines (list items).
  { split: (s) => s.split('\n'), join: '\n' },
  // Sentences: after . ; : ! ? followed by a space (the space goes).
  { split: (s) => s.split(/(?<=[.;:!?…])[ \t]+/u), join: ' ' },
  // Words.
  { split: (s) => s.split(/[ \t]+/u), join: ' ' },
];

function pack(text: string, max: number, level: number): string[] {
  const spec = LEVELS[level];
  if (!spec) return hardCut(text, max);
  const parts = spec.split(text).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  let current = '';
  for (const part of parts) {
    if (part.length > max) {
      if (current) out.push(current);
      current = '';
      out.push(...pack(part, max, level + 1));
      continue;
    }
    const candidate = current ? current + spec.join + part : part;
    if (candidate.length <= max) {
      current = candidate;
    } else {
      out.push(current);
      current = part;
    }
  }
  if (current) out.push(current);
  return out;
}

/** Last resort for a single word longer than max: cut at code point boundaries. */
function hardCut(word: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of word) {
    if (current.length + ch.length > max) {
      out.push(current);
      current = '';
    }
    current += ch;
  }
  if (current) out.push(current);
  return out;
}

// ---------------------------------------------------------------------------------------------
// De-duplication of webhook redeliveries.

export const DEDUP_TTL_SECONDS = 24 * 60 * 60;
const RECENT_MAX = 5000;
/** Ids seen by this isolate (id → expiry, ms): answers redeliveries at once, and when KV fails. */
const recent = new Map<string, number>();

function rememberRecent(key: string, now: number): void {
  recent.delete(key);
  recent.set(key, now + DEDUP_TTL_SECONDS * 1000);
  if (recent.size > RECENT_MAX) {
    const oldest = recent.keys().next();
    if (!oldest.done) recent.delete(oldest.value);
  }
}

async function dedupKey(channel: string, id: string): Promise<string> {
  return /^[\w.:@-]{1,200}$/u.test(id) ? `dedup:${channel}:${id}` : `dedup:${channel}:#${await sha256Hex(id)}`;
}

/**
 * True when this message id was already received (a platform redelivering a webhook it thinks
 * failed); otherwise records it (KV, 1 day; plus this isolate's memory) and returns false.
 * When KV fails, the isolate's memory alone decides.
 */
export async function alreadyReceived(kv: KVNamespace | undefined, channel: string, id: string, now = Date.now()): Promise<boolean> {
  const key = await dedupKey(channel, id);
  const expiry = recent.get(key);
  if (expiry !== undefined && expiry > now) return true;
  rememberRecent(key, now);
  if (!kv) return false;
  try {
    if ((await kv.get(key)) !== null) return true;
    await kv.put(key, '1', { expirationTtl: DEDUP_TTL_SECONDS });
  } catch (err) {
    logFailureOnce(`kv.dedup.${channel}`, err);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Outbound calls.

export const OUTBOUND_TIMEOUT_MS = 5000;
export const OUTBOUND_RETRIES = 2;
const BACKOFF_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  retries?: number;
  /** First backoff; doubles each retry, plus up to 25% jitter (default 250 ms). */
  backoffMs?: number;
}

/**
 * Runs attempt() until it succeeds, up to 1 + retries times, waiting with exponential backoff
 * between attempts. retryable(result or error) decides whether a result or error is worth another
 * try; the last result is returned, the last error thrown.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  retryable: (outcome: { result: T } | { error: unknown }) => boolean,
  opts: RetryOptions = {},
): Promise<T> {
  const retries = opts.retries ?? OUTBOUND_RETRIES;
  const backoff = opts.backoffMs ?? BACKOFF_MS;
  for (let i = 0; ; i++) {
    let outcome: { result: T } | { error: unknown };
    try {
      outcome = { result: await attempt() };
    } catch (error) {
      outcome = { error };
    }
    if (i >= retries || !retryable(outcome)) {
      if ('error' in outcome) throw outcome.error;
      return outcome.result;
    }
    const delay = backoff * 2 ** i;
    await sleep(delay + Math.random() * delay * 0.25);
  }
}

export interface FetchOptions extends RetryOptions {
  /** Per attempt (default 5 s). */
  timeoutMs?: number;
}

/**
 * fetch with a timeout per attempt and bounded retries on network errors, timeouts and 5xx
 * answers. Returns the last response (which may be a 5xx) or throws the last network error.
 */
export async function fetchWithRetry(url: string, init: RequestInit, opts: FetchOptions = {}): Promise<Response> {
  const timeoutMs = opts.timeoutMs ?? OUTBOUND_TIMEOUT_MS;
  return withRetries(
    async () => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    (o) => {
      if ('error' in o) return true;
      if (o.result.status < 500) return false;
      // Free the connection of a response nobody will read.
      o.result.body?.cancel().catch(() => undefined);
      return true;
    },
    opts,
  );
}

/** An error describing a failed outbound call without its URL (URLs may carry tokens). */
export class OutboundError extends Error {
  constructor(
    readonly what: string,
    readonly status: number,
    readonly code?: string | number,
  ) {
    super(`${what}: HTTP ${status}${code !== undefined ? `, code ${code}` : ''}`);
    this.name = 'OutboundError';
  }
}

/** Runs a channel's background work, logging (once per window) instead of throwing. */
export function inBackground(waitUntil: (p: Promise<unknown>) => void, what: string, work: () => Promise<void>): void {
  waitUntil(
    (async () => {
      try {
        await work();
      } catch (err) {
        logFailureOnce(what, err);
      }
    })(),
  );
}
