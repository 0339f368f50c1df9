// The widget's two calls to the worker: POST /api/chat and POST /api/feedback. The answer is read
// as the worker's own ChatResponse type (a type-only import: nothing of the worker is bundled), and
// checked before use — it crossed the network.
import type { ErrorBody } from '../../worker/errors';
import { isRecord } from '../../worker/lib/json';
import type { ChatResponse } from '../../worker/routes/chat';
import { T } from './text';

const TIMEOUT_MS = 25000;

/** A failure the citizen is told about in these words (Vietnamese); `code`: the worker's refusal, if it refused. */
export class ApiError extends Error {
  constructor(
    message?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

function isChatResponse(v: unknown): v is ChatResponse {
  return isRecord(v) && typeof v.sessionId === 'string' && isRecord(v.reply) && typeof v.reply.html === 'string' && typeof v.reply.text === 'string';
}

function errorOf(v: unknown): ErrorBody['error'] | null {
  return isRecord(v) && isRecord(v.error) && typeof v.error.code === 'string' && typeof v.error.message === 'string'
    ? { code: v.error.code, message: v.error.message }
    : null;
}

export interface ChatRequest {
  sessionId?: string;
  message: string;
  /** The context of the last answer (null at first): this page holds the conversation's memory. */
  context: string | null;
}

/** The worker's answer, or an ApiError with what to tell the citizen. */
export async function askServer(api: string, request: ChatRequest): Promise<ChatResponse> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
  try {
    let res: Response;
    try {
      res = await fetch(`${api}/api/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        credentials: 'omit',
        signal: ctl.signal,
      });
    } catch {
      throw new ApiError(ctl.signal.aborted ? T.timeout : T.network);
    }
    const data: unknown = await res.json().catch(() => null);
    if (res.ok && isChatResponse(data)) return data;
    const refusal = errorOf(data);
    throw new ApiError(refusal?.message || T.failed, refusal?.code);
  } finally {
    clearTimeout(timer);
  }
}

export async function sendFeedback(api: string, body: { sessionId: string | undefined; messageId: string; rating: 'up' | 'down' }): Promise<void> {
  const res = await fetch(`${api}/api/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'omit',
  });
  if (!res.ok) throw new ApiError();
}
