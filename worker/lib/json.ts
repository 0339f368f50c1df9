// JSON read from text or from a response, never throwing: undefined (which JSON never is) means
// "not JSON", and whoever reads it decides what that means for them (a 400 for a request body, an
// unavailable upstream, a refused asset). The value is unknown until a schema has read it.

/** `text` parsed, or undefined when it is not JSON (or there is no text: an undecodable body). */
export function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return undefined;
  }
}

/** A response's body as JSON, or undefined when it is not JSON or cannot be read. */
export async function responseJson(res: Response): Promise<unknown> {
  try {
    return parseJson(await res.text());
  } catch {
    return undefined;
  }
}

/** An object (or array) whose fields can be read one by one, before or instead of a schema. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
