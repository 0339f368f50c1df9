// The worker's search engine: the prebuilt binary index (binary.ts) is fetched from the static
// assets and read in place once per isolate, on first use; concurrent first requests share the one
// load. A file that cannot be read (missing, truncated, corrupted, of another format version) is
// refused — never searched — logged, and reported as unavailable (errorResponse: 503).
import phrasesJson from '../../knowledge/phrases.json';
import provincesJson from '../../knowledge/provinces.json';
import synonymsJson from '../../knowledge/synonyms.json';
import { fetchAsset } from '../catalog/store';
import { UnavailableError } from '../errors';
import { logFailureOnce } from '../lib/log';
import { loadOnce } from '../lib/once';
import { IndexFormatError, readIndex } from './binary';
import { SearchEngine } from './engine';
import { compilePhrases, type PhraseMatcher } from './phrases';
import { loadSynonyms, type Synonyms } from './synonyms';

/** The index file among the static assets (scripts/build-index.ts writes it). */
export const INDEX_ASSET = '/data/index.bin';

interface Knowledge {
  synonyms: Synonyms;
  phrases: PhraseMatcher;
}

let knowledge: Knowledge | null = null;

/** The synonyms and question phrases (bundled with the worker), compiled once per isolate. */
function compiledKnowledge(): Knowledge {
  knowledge ??= { synonyms: loadSynonyms(synonymsJson), phrases: compilePhrases(phrasesJson, provincesJson) };
  return knowledge;
}

/** The engine over the index in `bytes`; UnavailableError (logged) when the file is refused. */
export function engineFromBytes(bytes: ArrayBuffer): SearchEngine {
  let index;
  try {
    index = readIndex(bytes);
  } catch (err) {
    if (!(err instanceof IndexFormatError)) throw err;
    logFailureOnce(`search.index.${err.problem}`, err);
    throw new UnavailableError('search_index', err.message, { cause: err });
  }
  const { synonyms, phrases } = compiledKnowledge();
  return new SearchEngine(index, synonyms, phrases);
}

export const getSearchEngine: (assets: Fetcher) => Promise<SearchEngine> = loadOnce(async (assets: Fetcher) => {
  const response = fetchAsset(assets, INDEX_ASSET);
  // Compiled while the index is on its way: a cold isolate's first question waits for both.
  compiledKnowledge();
  let bytes: ArrayBuffer;
  try {
    const res = await response;
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = await res.arrayBuffer();
  } catch (cause) {
    const err = new UnavailableError('search_index', `${INDEX_ASSET}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    logFailureOnce('search.index.fetch', err);
    throw err;
  }
  return engineFromBytes(bytes);
});
