// The one phrase matcher: every list of phrases a message is read against — question phrases
// (phrases.ts), synonyms (synonyms.ts), small talk and replies to a list (chat/) — is a PhraseTrie
// over syllables, with one diacritic rule: a syllable typed with a diacritic must have the listed
// one, a syllable typed without it may stand for the listed one ("so do" and "sổ đỏ" match "sổ
// đỏ", "số đo" does not). Each match says whether it was typed exactly as listed, so that a list
// can be stricter where one bare syllable is too ambiguous ("gia": giá, gia, già).
import { diacriticsAgree, wordsOfText, type Words } from './text';

export interface PhraseHit<T> {
  /** Syllable range [start, end) in the words read. */
  start: number;
  end: number;
  value: T;
  /** Typed with exactly the listed diacritics. */
  exact: boolean;
}

interface Entry<T> {
  keys: string[];
  /** Where the listed phrase has no punctuation between two syllables. */
  joined: boolean[];
  value: T;
}

interface Node<T> {
  next: Map<string, Node<T>>;
  entries: Entry<T>[];
}

export interface PhraseTrieOptions {
  /**
   * Phrases may run across punctuation ("xuất cảnh, nhập cảnh" is "xuất nhập cảnh" for the
   * synonyms). By default a phrase lies within one clause of the text, unless it is listed with
   * punctuation at that point.
   */
  acrossPunctuation?: boolean;
}

export class PhraseTrie<T> {
  private readonly root: Node<T> = { next: new Map(), entries: [] };
  private count = 0;

  constructor(private readonly options: PhraseTrieOptions = {}) {}

  get size(): number {
    return this.count;
  }

  /**
   * Lists a phrase. Returns its syllables (accented token forms; empty when the text has none, and
   * nothing is listed) and the value already listed under exactly these syllables, if any: that
   * one stays, unless `resolve` returns another value to keep.
   */
  add(text: string | Words, value: T, resolve?: (existing: T, added: T) => T): { keys: string[]; existing?: T } {
    const w = typeof text === 'string' ? wordsOfText(text) : text;
    if (w.keys.length === 0) return { keys: [] };
    let node = this.root;
    for (const f of w.folds) {
      let child = node.next.get(f);
      if (!child) node.next.set(f, (child = { next: new Map(), entries: [] }));
      node = child;
    }
    const same = node.entries.find((e) => e.keys.join(' ') === w.keys.join(' '));
    if (same) {
      const existing = same.value;
      if (resolve) same.value = resolve(existing, value);
      return { keys: w.keys, existing };
    }
    node.entries.push({ keys: w.keys, joined: w.joined, value });
    this.count++;
    return { keys: w.keys };
  }

  /**
   * The phrases that start at `start` and agree with what was typed, longest first; among phrases of
   * one length, exact ones first. Unless the options say otherwise, a phrase does not run across
   * punctuation (or a gap where words were taken out) where it is listed without any.
   */
  at(words: Words, start: number): PhraseHit<T>[] {
    const out: PhraseHit<T>[] = [];
    const across = this.options.acrossPunctuation === true;
    let node: Node<T> | undefined = this.root;
    for (let j = start; j < words.keys.length; j++) {
      node = node.next.get(words.folds[j]!);
      if (!node) break;
      const here: PhraseHit<T>[] = [];
      for (const e of node.entries) {
        let exact = true;
        let agree = true;
        for (let x = 0; x < e.keys.length && agree; x++) {
          if (x > 0 && !across && e.joined[x] && !words.joined[start + x]) agree = false;
          const typed = words.keys[start + x]!;
          if (typed === e.keys[x]) continue;
          exact = false;
          agree = diacriticsAgree(typed, e.keys[x]!);
        }
        if (agree) here.push({ start, end: j + 1, value: e.value, exact });
      }
      here.sort((a, b) => Number(b.exact) - Number(a.exact));
      out.unshift(...here);
    }
    return out;
  }

  /**
   * Reads the words left to right: at each position `choose` takes one of the phrases starting
   * there (given longest first; by default the first) or none, and reading resumes after it.
   */
  scan(words: Words, choose: (hits: PhraseHit<T>[]) => PhraseHit<T> | undefined = (h) => h[0]): PhraseHit<T>[] {
    const out: PhraseHit<T>[] = [];
    let i = 0;
    while (i < words.keys.length) {
      const hits = this.at(words, i);
      const chosen = hits.length ? choose(hits) : undefined;
      if (chosen) {
        out.push(chosen);
        i = chosen.end;
      } else i++;
    }
    return out;
  }
}
