// Exchanges are written to D1 in batches: the first message of a short window opens a batch and
// keeps the isolate alive (waitUntil) until the window closes; the messages answered meanwhile join
// it, and the whole batch is one D1 call. Under load that is one write per window instead of one
// per message; a quiet centre still sees each message within FLUSH_DELAY_MS. The dashboard and the
// feedback check read D1, so feedback first flushes what this isolate still holds.
import { logFailureOnce } from '../lib/log';
import { recordExchanges, type ExchangeRecord } from './records';

export const FLUSH_DELAY_MS = 200;
/** A batch this large is written at once, without waiting for the window to close. */
export const MAX_BATCH = 50;

interface Batch {
  db: D1Database;
  records: ExchangeRecord[];
  written?: Promise<void>;
}

let open: Batch | null = null;
const inFlight = new Set<Promise<void>>();

export function queueExchange(db: D1Database, record: ExchangeRecord, waitUntil: (p: Promise<unknown>) => void): void {
  if (!open || open.db !== db) {
    const batch: Batch = { db, records: [] };
    open = batch;
    waitUntil(new Promise((resolve) => setTimeout(resolve, FLUSH_DELAY_MS)).then(() => write(batch)));
  }
  open.records.push(record);
  if (open.records.length >= MAX_BATCH) waitUntil(write(open));
}

function write(batch: Batch): Promise<void> {
  if (open === batch) open = null;
  if (!batch.written) {
    const written = recordExchanges(batch.db, batch.records)
      .catch((err: unknown) => {
        logFailureOnce('d1.exchange.insert', err);
      })
      .finally(() => inFlight.delete(written));
    batch.written = written;
    inFlight.add(written);
  }
  return batch.written;
}

/** Writes what this isolate holds now and waits for the writes under way. */
export async function flushExchanges(): Promise<void> {
  if (open) write(open);
  await Promise.all(inFlight);
}
