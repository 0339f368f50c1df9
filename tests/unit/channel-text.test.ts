// The messaging channels' shared helpers (worker/channels/common.ts): splitting long answers,
// plain-text rendering for a channel, numbered suggestions, signatures, retries, de-duplication.
import { timingSafeEqual } from 'hono/utils/buffer';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../worker/chat/answer';
import {
  alreadyReceived,
  hmacSha256Hex,
  numberedSuggestions,
  renderChannelText,
  resolveNumberedReply,
  sha256Hex,
  splitText,
  truncateLabel,
  withRetries,
} from '../../worker/channels/common';

const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();

function checkPieces(text: string, max: number, pieces: string[]): void {
  expect(pieces.length).toBeGreaterThan(0);
  for (const p of pieces) {
    expect(p.length).toBeLessThanOrEqual(max);
    expect(p.length).toBeGreaterThan(0);
    expect(p).toBe(p.trim());
  }
  // Nothing lost, nothing added, in order.
  expect(squash(pieces.join(' '))).toBe(squash(text));
}

describe('splitText', () => {
  it('keeps a text within the limit whole, and drops an empty one', () => {
    expect(splitText('  Xin chào!  ', 2000)).toEqual(['Xin chào!']);
    expect(splitText(' \n\n ', 10)).toEqual([]);
  });

  it('cuts between paragraphs first, packing as many whole paragraphs as fit', () => {
    const para = (n: number) => `Đoạn ${n}: ${'chữ '.repeat(8).trim()}.`; // 40 characters
    const text = [1, 2, 3, 4, 5].map(para).join('\n\n');
    const pieces = splitText(text, 90);
    expect(pieces).toEqual([`${para(1)}\n\n${para(2)}`, `${para(3)}\n\n${para(4)}`, para(5)]);
  });

  it('cuts a paragraph too long for one message between its lines (list items)', () => {
    const items = Array.from({ length: 12 }, (_, i) => `☐ Giấy tờ số ${i + 1}: bản chính hoặc bản sao có chứng thực`);
    const text = `Hồ sơ cần chuẩn bị:\n${items.join('\n')}`;
    const pieces = splitText(text, 200);
    checkPieces(text, 200, pieces);
    // Every list item is whole in one piece.
    for (const item of items) expect(pieces.some((p) => p.includes(item))).toBe(true);
  });

  it('cuts a line too long for one message between sentences, then between words', () => {
    const sentence = (n: number) => `Câu thứ ${n} nói về hồ sơ đăng ký thường trú của công dân.`;
    const line = Array.from({ length: 30 }, (_, i) => sentence(i + 1)).join(' ');
    const pieces = splitText(line, 250);
    checkPieces(line, 250, pieces);
    for (const p of pieces) expect(p).toMatch(/\.$/u); // ends at a sentence end

    const words = 'một hai ba bốn năm sáu bảy tám chín mười '.repeat(40).trim();
    const wordPieces = splitText(words, 33);
    checkPieces(words, 33, wordPieces);
    const vocabulary = new Set(words.split(' '));
    for (const p of wordPieces) for (const w of p.split(' ')) expect(vocabulary.has(w)).toBe(true);
  });

  it('never cuts a URL that fits in a message, even in a line without other break points', () => {
    const url = 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-a15eb239a6fe';
    const text = `${'Nộp hồ sơ trực tuyến tại cổng dịch vụ công quốc gia '.repeat(3)}${url} ${'và theo dõi kết quả '.repeat(5)}${url}`;
    for (const max of [url.length, url.length + 7, 100, 150]) {
      const pieces = splitText(text, max);
      checkPieces(text, max, pieces);
      expect(pieces.join('\n').split(url).length - 1).toBe(2);
      for (const p of pieces) for (const m of p.match(/https:\/\/\S+/gu) ?? []) expect(m).toBe(url);
    }
  });

  it('cuts a single word longer than the limit at code points, never inside an emoji', () => {
    const word = '😀'.repeat(10); // 20 UTF-16 code units
    const pieces = splitText(word, 5);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(5);
      expect(p).not.toMatch(/[\ud800-\udbff]$/u);
    }
    expect(pieces.join('')).toBe(word);
  });

  it('keeps its promises on generated texts (limits, whole URLs, nothing lost)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const vocab = ['thủ', 'tục', 'đăng', 'ký', 'khai', 'sinh;', 'hồ', 'sơ.', 'gồm:', 'lệ', 'phí', '50.000', 'đồng', '(mã', '1.001193)'];
    const urls = ['https://dichvucong.gov.vn/p/1', 'https://example.gov.vn/thu-tuc?ma=1.001193&x=1'];
    for (let round = 0; round < 200; round++) {
      const parts: string[] = [];
      const n = 20 + Math.floor(rand() * 300);
      for (let i = 0; i < n; i++) {
        const r = rand();
        parts.push(r < 0.05 ? urls[Math.floor(rand() * urls.length)]! : vocab[Math.floor(rand() * vocab.length)]!);
        parts.push(r > 0.97 ? '\n\n' : r > 0.9 ? '\n' : ' ');
      }
      const text = parts.join('');
      const max = 50 + Math.floor(rand() * 250);
      const pieces = splitText(text, max);
      checkPieces(text, max, pieces);
      const urlCount = (s: string) => urls.reduce((k, u) => k + s.split(u).length - 1, 0);
      expect(pieces.reduce((k, p) => k + urlCount(p), 0)).toBe(urlCount(text));
    }
  });
});

const answer = (over: Partial<Answer> = {}): Answer => ({
  intent: 'procedure',
  aspect: 'fee',
  blocks: [
    { type: 'heading', text: [{ bold: 'Đăng ký khai sinh' }, ' (mã 1.001193)'] },
    { type: 'paragraph', text: ['Lệ phí: miễn lệ phí.'] },
    { type: 'paragraph', text: [{ link: { label: 'Nộp hồ sơ trực tuyến', url: 'https://dichvucong.gov.vn/p/1' } }] },
  ],
  suggestions: [
    { label: 'Hồ sơ gồm gì?', message: 'Hồ sơ gồm những gì?' },
    { label: 'Mất bao lâu?', message: 'Bao lâu thì có kết quả?' },
  ],
  submitUrl: 'https://dichvucong.gov.vn/p/1',
  sources: ['1.001193'],
  matched: true,
  ...over,
});

describe('renderChannelText', () => {
  it('keeps the submission link as a URL line, once, and lists the suggestions by number', () => {
    const [text, ...rest] = renderChannelText(answer(), { maxLength: 2000, submitLink: 'text', numberSuggestions: true });
    expect(rest).toEqual([]);
    expect(text).toBe(
      'Đăng ký khai sinh (mã 1.001193)\n\nLệ phí: miễn lệ phí.\n\nNộp hồ sơ trực tuyến: https://dichvucong.gov.vn/p/1\n\n' +
        'Bạn có thể trả lời bằng số thứ tự:\n1. Hồ sơ gồm gì?\n2. Mất bao lâu?',
    );
  });

  it('adds the URL line when the blocks do not carry the link, and drops it when a button shows it', () => {
    const noLink = answer({ blocks: answer().blocks.slice(0, 2) });
    expect(renderChannelText(noLink, { maxLength: 2000, submitLink: 'text' })[0]).toMatch(/\n\nNộp hồ sơ trực tuyến: https:\/\/dichvucong\.gov\.vn\/p\/1$/u);
    expect(renderChannelText(answer(), { maxLength: 2000, submitLink: 'omit' })[0]).not.toContain('https://');
  });
});

describe('numbered suggestions', () => {
  it('are not repeated when the text already lists the options (a choice between procedures)', () => {
    const suggestions = [
      { label: '1. Cấp hộ chiếu phổ thông ở trong…', message: '1' },
      { label: '2. Cấp hộ chiếu phổ thông ở nước…', message: '2' },
    ];
    const body = 'Bạn hỏi về thủ tục nào?\n\n1. Cấp hộ chiếu phổ thông ở trong nước (mã 2.002011)\n2. Cấp hộ chiếu phổ thông ở nước ngoài (mã 2.002012)';
    expect(numberedSuggestions(suggestions, body)).toBeNull();
    // Options the text does not show (the other cases of a procedure) are listed, renumbered once.
    expect(numberedSuggestions([{ label: '1. Trường hợp 4', message: '1' }], 'Hồ sơ…')).toBe('Bạn có thể trả lời bằng số thứ tự:\n1. Trường hợp 4');
    expect(numberedSuggestions([], 'x')).toBeNull();
  });

  it('a reply by number is read as that suggestion; words are not', () => {
    const s = answer().suggestions;
    expect(resolveNumberedReply('2', s)).toBe('Bao lâu thì có kết quả?');
    expect(resolveNumberedReply('số 1', s)).toBe('Hồ sơ gồm những gì?');
    expect(resolveNumberedReply('chọn thứ hai', s)).toBe('Bao lâu thì có kết quả?');
    expect(resolveNumberedReply('3', s)).toBeNull();
    expect(resolveNumberedReply('hồ sơ gồm gì', s)).toBeNull();
    expect(resolveNumberedReply('1', [])).toBeNull();
  });
});

describe('labels and signatures', () => {
  it('truncateLabel keeps at most max characters, ending with an ellipsis when cut', () => {
    expect(truncateLabel('Nộp ở đâu?', 20)).toBe('Nộp ở đâu?');
    const cut = truncateLabel('1. Cấp hộ chiếu phổ thông ở trong nước', 20);
    expect(Array.from(cut)).toHaveLength(20);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('signatures are compared whole, at any lengths (hono/utils/buffer timingSafeEqual)', async () => {
    expect(await timingSafeEqual('sha256=abc', 'sha256=abc')).toBe(true);
    expect(await timingSafeEqual('sha256=abc', 'sha256=abd')).toBe(false);
    expect(await timingSafeEqual('sha256=abc', 'sha256=ab')).toBe(false);
    expect(await timingSafeEqual('', 'a')).toBe(false);
    expect(await timingSafeEqual('', '')).toBe(true);
  });

  it('sha256Hex and hmacSha256Hex match the standard test vectors', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // RFC 4231, test case 2.
    expect(await hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(await sha256Hex('abc'));
  });
});

describe('withRetries', () => {
  it('tries at most 1 + 2 times, only while the outcome is retryable', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new Error('network');
        },
        () => true,
        { backoffMs: 1 },
      ),
    ).rejects.toThrow('network');
    expect(calls).toBe(3);

    calls = 0;
    const result = await withRetries(async () => ++calls, (o) => 'result' in o && o.result < 2, { backoffMs: 1 });
    expect(result).toBe(2);

    calls = 0;
    await withRetries(async () => ++calls, () => false, { backoffMs: 1 });
    expect(calls).toBe(1);
  });
});

describe('alreadyReceived', () => {
  const failingKv = {
    get: async () => {
      throw new Error('KV down');
    },
    put: async () => {
      throw new Error('KV down');
    },
  } as unknown as KVNamespace;

  it('falls back to the isolate memory when KV fails', async () => {
    const id = `mid-${Math.random()}`;
    expect(await alreadyReceived(failingKv, 'messenger', id)).toBe(false);
    expect(await alreadyReceived(failingKv, 'messenger', id)).toBe(true);
    // Per channel: the same id on another channel is another message.
    expect(await alreadyReceived(failingKv, 'zalo', id)).toBe(false);
  });

  it('records ids in KV with a one-day TTL and reads ids other isolates recorded', async () => {
    const store = new Map<string, { value: string; ttl?: number }>();
    const kv = {
      get: async (k: string) => store.get(k)?.value ?? null,
      put: async (k: string, value: string, o?: { expirationTtl?: number }) => void store.set(k, { value, ttl: o?.expirationTtl }),
    } as unknown as KVNamespace;
    const id = `mid-${Math.random()}`;
    expect(await alreadyReceived(kv, 'zalo', id)).toBe(false);
    expect(store.get(`dedup:zalo:${id}`)?.ttl).toBe(86_400);
    store.set('dedup:zalo:other-isolate', { value: '1' });
    expect(await alreadyReceived(kv, 'zalo', 'other-isolate')).toBe(true);
  });
});
