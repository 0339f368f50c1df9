// The chat widget a provincial public-service portal embeds with one script tag:
//   <script src="https://HOST/widget.js" async data-title="…" data-color="#0b4f8a"></script>
// Everything lives in a shadow root on one <tthc-widget> element; the only global is
// window.TTHCWidget = { open(), close(), ask(text) }. No framework: DOM APIs only, and no markup
// string is ever inserted — user text goes in as text, answer HTML through the allowlist sanitizer.
import { palette } from './color';
import { MAX_MESSAGE_LENGTH } from '../../worker/chat/limits';
import { httpUrl } from '../../worker/lib/url';
import { sanitizeHtml } from './sanitize';
import { css, printCss } from './styles';

interface Suggestion {
  label: string;
  message: string;
}

/** One message of the conversation as kept in sessionStorage (short keys: it is stored). */
interface Msg {
  /** 'u' the citizen, 'b' the assistant. */
  r: 'u' | 'b';
  /** The citizen's text, or the answer as plain text (copy, announcements). */
  t: string;
  /** The answer's HTML as the server sent it (sanitized again at every render). */
  h?: string;
  /** messageId, for feedback. */
  id?: string;
  s?: Suggestion[];
  /** submitUrl. */
  l?: string;
  /** pageUrl: the procedure's public page (the whole checklist, printable). */
  p?: string;
  /** Feedback already given. */
  f?: 'up' | 'down';
}

interface State {
  sid?: string;
  /** The conversation context the server gave with its last answer (opaque, sent back as is). */
  ctx?: string;
  open?: boolean;
  msgs: Msg[];
}

export interface TTHCWidgetApi {
  open(): void;
  close(): void;
  ask(text: string): void;
}

declare global {
  interface Window {
    TTHCWidget?: TTHCWidgetApi;
  }
}

const MAX_STORED = 40;
const TIMEOUT_MS = 25000;

const T = {
  launcher: 'Mở trợ lý thủ tục hành chính',
  launcherText: 'Trợ lý thủ tục',
  title: 'Trợ lý thủ tục hành chính',
  subtitle: 'Trả lời tự động, tham khảo từ CSDL quốc gia về TTHC',
  welcome:
    'Xin chào! Tôi có thể cho bạn biết hồ sơ cần chuẩn bị, lệ phí, thời hạn giải quyết và nơi nộp của các thủ tục hành chính. Bạn có thể hỏi bằng tiếng Việt có dấu hoặc không dấu, ví dụ:',
  examples: ['Đăng ký khai sinh cần giấy tờ gì?', 'Lệ phí đăng ký kết hôn bao nhiêu?', 'Cấp lại giấy phép lái xe mất bao lâu?', 'Đăng ký thường trú nộp ở đâu?'],
  /** The dossier status lookup (the server asks for the receipt code, then the digits). */
  dossier: 'Tra cứu hồ sơ',
  newChat: 'Cuộc trò chuyện mới',
  newChatDone: 'Đã bắt đầu cuộc trò chuyện mới.',
  close: 'Đóng cửa sổ trò chuyện',
  log: 'Nội dung trò chuyện',
  you: 'Bạn: ',
  bot: 'Trợ lý: ',
  input: 'Nhập câu hỏi về thủ tục hành chính',
  placeholder: 'Nhập câu hỏi của bạn…',
  send: 'Gửi câu hỏi',
  typing: 'Trợ lý đang soạn câu trả lời…',
  answered: 'Trợ lý trả lời: ',
  suggestions: 'Gợi ý câu hỏi',
  submit: 'Nộp hồ sơ trực tuyến',
  page: 'Xem đầy đủ / In danh mục',
  newTab: ' (mở trong thẻ mới)',
  up: 'Câu trả lời hữu ích',
  down: 'Câu trả lời chưa hữu ích',
  thanks: 'Cảm ơn bạn đã đánh giá',
  feedbackFailed: 'Chưa gửi được đánh giá, vui lòng thử lại.',
  copy: 'Sao chép',
  copyLabel: 'Sao chép danh sách hồ sơ',
  copied: 'Đã sao chép',
  copyFailed: 'Không sao chép được',
  print: 'In',
  printLabel: 'In câu trả lời này',
  printBlocked: 'Trình duyệt đã chặn cửa sổ in',
  retry: 'Thử lại',
  offline: 'Bạn đang ngoại tuyến. Vui lòng kiểm tra kết nối mạng.',
  network: 'Không kết nối được với máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.',
  failed: 'Đã có lỗi khi lấy câu trả lời. Vui lòng thử lại sau ít phút.',
  timeout: 'Máy chủ phản hồi quá lâu. Vui lòng thử lại.',
  note: 'Thông tin chỉ mang tính tham khảo; vui lòng không nhập thông tin cá nhân.',
  printedFrom: 'In từ ',
};

// Feather-style icons, as path data (drawn with createElementNS, never from markup).
const ICON = {
  chat: 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z',
  close: 'M18 6 6 18M6 6l12 12',
  refresh: 'M1 4v6h6M3.5 15a9 9 0 1 0 2.1-9.4L1 10',
  send: 'M22 2 11 13M22 2l-7 20-4-9-9-4z',
  up: 'M7 10v12M15 5.9 14 10h5.8a2 2 0 0 1 1.9 2.6l-2.3 8A2 2 0 0 1 17.5 22H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.8a2 2 0 0 0 1.8-1.1L12 2a3.1 3.1 0 0 1 3 3.9z',
  down: 'M17 14V2M9 18.1 10 14H4.2a2 2 0 0 1-1.9-2.6l2.3-8A2 2 0 0 1 6.5 2H20a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-2.8a2 2 0 0 0-1.8 1.1L12 22a3.1 3.1 0 0 1-3-3.9z',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  print: 'M6 9V2h12v7M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2M6 14h12v8H6z',
  out: 'M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6M15 3h6v6M10 14 21 3',
};

type Kid = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string> | null, ...kids: Kid[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  add(el, ...kids);
  return el;
}

/** Appends nodes and strings (as text nodes, never markup). appendChild, not append: the Workers types shadow Element.append. */
function add(parent: Node, ...kids: Kid[]): void {
  for (const k of kids) if (k) parent.appendChild(typeof k === 'string' ? document.createTextNode(k) : k);
}

function icon(d: string): SVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const p = document.createElementNS(ns, 'path');
  p.setAttribute('d', d);
  add(svg, p);
  return svg;
}

function button(cls: string, label: string | null, content: Kid[], onClick: (e: MouseEvent) => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: cls }, ...content);
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** The first sentences of a text, for the screen-reader announcement. */
function shorten(text: string, max = 220): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

class ApiError extends Error {}

function start(script: HTMLScriptElement | null): void {
  const ds = script?.dataset ?? {};
  let api = '';
  try {
    api = new URL(ds.api || (script?.src ?? ''), location.href).origin;
  } catch {
    api = location.origin;
  }
  const title = (ds.title || '').trim() || T.title;
  const welcome = (ds.welcome || '').trim() || T.welcome;
  // data-dossier="off" hides the "Tra cứu hồ sơ" chip (a portal with its own lookup page).
  const welcomeChips = [...T.examples, ...(ds.dossier === 'off' ? [] : [T.dossier])].map((e) => ({ label: e, message: e }));
  const colors = palette(ds.color);
  const storeKey = `tthc-widget:${api}`;

  let state: State = { msgs: [] };
  try {
    const raw = sessionStorage.getItem(storeKey);
    const parsed = raw ? (JSON.parse(raw) as State) : null;
    if (parsed && Array.isArray(parsed.msgs)) {
      // Whatever is in storage is data, never trusted as shaped: keep well-formed messages only.
      parsed.msgs = parsed.msgs.filter((m) => m && (m.r === 'u' || m.r === 'b') && typeof m.t === 'string' && (m.h === undefined || typeof m.h === 'string'));
      if (typeof parsed.sid !== 'string') delete parsed.sid;
      if (typeof parsed.ctx !== 'string') delete parsed.ctx;
      state = parsed;
    }
  } catch {
    /* storage unavailable (privacy mode, sandbox): the conversation lasts for this page only */
  }
  const save = () => {
    state.msgs = state.msgs.slice(-MAX_STORED);
    try {
      sessionStorage.setItem(storeKey, JSON.stringify(state));
    } catch {
      /* quota or unavailable: keep going in memory */
    }
  };

  // --- DOM -----------------------------------------------------------------------------------
  const host = document.createElement('tthc-widget');
  const root = host.attachShadow({ mode: 'open' });
  const sheetText = `${css}:host{--a:${colors.accent};--oa:${colors.onAccent};--at:${colors.accentText}}`;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(sheetText);
    root.adoptedStyleSheets = [sheet];
  } catch {
    add(root, h('style', null, sheetText));
  }

  const launcher = button('launcher', T.launcher, [icon(ICON.chat), h('span', { class: 'lbl', 'aria-hidden': 'true' }, T.launcherText)], () =>
    panel.hidden ? open() : close(),
  );
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'tthc-panel');

  const live = h('div', { class: 'sr', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const offline = h('div', { class: 'off', role: 'status' }, T.offline);
  offline.hidden = navigator.onLine !== false;
  const list = h('div', { class: 'msgs', role: 'region', 'aria-label': T.log, tabindex: '0' });
  const input = h('textarea', { id: 'tthc-input', rows: '1', maxlength: String(MAX_MESSAGE_LENGTH), placeholder: T.placeholder, autocomplete: 'off', enterkeyhint: 'send' });
  const sendBtn = button('send', T.send, [icon(ICON.send)], () => void send(input.value));

  const newChat = button('hb', T.newChat, [icon(ICON.refresh)], () => reset());
  newChat.title = T.newChat;
  const panel = h(
    'div',
    { id: 'tthc-panel', class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'tthc-title' },
    h(
      'div',
      { class: 'head' },
      h('div', { class: 'ttl' }, h('h2', { id: 'tthc-title' }, title), h('small', null, T.subtitle)),
      newChat,
      button('hb', T.close, [icon(ICON.close)], () => close()),
    ),
    offline,
    list,
    h('div', { class: 'comp' }, h('label', { class: 'sr', for: 'tthc-input' }, T.input), input, sendBtn),
    h('p', { class: 'foot' }, T.note),
  );
  panel.hidden = true;
  const wrap = h('div', { class: ds.position === 'left' ? 'w left' : 'w', lang: 'vi' }, launcher, panel, live);
  add(root, wrap);

  // --- behaviour -----------------------------------------------------------------------------
  let busy = false;
  let composing = false;
  let typing: HTMLElement | null = null;
  let chips: HTMLElement | null = null;

  const announce = (text: string) => {
    live.textContent = '';
    setTimeout(() => (live.textContent = text), 60);
  };
  const scrollToEnd = () => (list.scrollTop = list.scrollHeight);

  function chipRow(items: Suggestion[]): HTMLElement {
    const row = h('div', { class: 'chips', role: 'group', 'aria-label': T.suggestions });
    for (const s of items.slice(0, 8)) {
      if (s && typeof s.label === 'string' && typeof s.message === 'string') add(row, button('chip', null, [s.label], () => void send(s.message)));
    }
    return row;
  }

  function setChips(items: Suggestion[] | undefined): void {
    chips?.remove();
    chips = items?.length ? chipRow(items) : null;
    if (chips) add(list, chips);
  }

  function userEl(m: Msg): HTMLElement {
    return h('div', { class: 'msg u' }, h('span', { class: 'sr' }, T.you), m.t);
  }

  function botEl(m: Msg): HTMLElement {
    const body = h('div', { class: 'body' });
    add(body, sanitizeHtml(m.h ?? ''));
    // Lists of documents to bring (every item starts with ☐): shown as a checklist, without bullets.
    body.querySelectorAll('ul').forEach((ul) => {
      const items = [...ul.children];
      if (items.length && items.every((li) => li.textContent?.trimStart().startsWith('☐'))) ul.className = 'cl';
    });
    const el = h('div', { class: 'msg b' }, h('span', { class: 'sr' }, T.bot), body);
    const submit = httpUrl(m.l);
    const page = httpUrl(m.p);
    if (submit || page) {
      const links = h('div', { class: 'links' });
      if (submit) add(links, h('a', { class: 'submit', href: submit, target: '_blank', rel: 'noopener noreferrer' }, icon(ICON.out), T.submit, h('span', { class: 'sr' }, T.newTab)));
      if (page) add(links, h('a', { class: 'page', href: page, target: '_blank', rel: 'noopener noreferrer' }, icon(ICON.print), T.page, h('span', { class: 'sr' }, T.newTab)));
      add(el, links);
    }
    const acts = h('div', { class: 'acts' });
    if (m.id) add(acts, feedbackEl(m));
    if (m.t.includes('☐')) {
      const lbl = h('span', null, T.copy);
      const copy = button('ib', T.copyLabel, [icon(ICON.copy), lbl], () => {
        const done = (ok: boolean) => {
          lbl.textContent = ok ? T.copied : T.copyFailed;
          announce(lbl.textContent);
          setTimeout(() => (lbl.textContent = T.copy), 2500);
        };
        if (navigator.clipboard) navigator.clipboard.writeText(m.t).then(() => done(true), () => done(false));
        else done(false);
      });
      add(acts, h('span', { class: 'sep' }), copy, button('ib', T.printLabel, [icon(ICON.print), T.print], () => printAnswer(m)));
    }
    if (acts.firstChild) add(el, acts);
    return el;
  }

  function feedbackEl(m: Msg): HTMLElement {
    const box = h('span', { class: 'fb' });
    if (m.f) {
      add(box, T.thanks);
      return box;
    }
    const rate = async (rating: 'up' | 'down') => {
      for (const b of box.querySelectorAll('button')) b.disabled = true;
      try {
        const res = await fetch(`${api}/api/feedback`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ sessionId: state.sid, messageId: m.id, rating }),
          credentials: 'omit',
        });
        if (!res.ok) throw new ApiError();
        m.f = rating;
        save();
        box.replaceChildren(h('span', { role: 'status' }, T.thanks));
      } catch {
        for (const b of box.querySelectorAll('button')) b.disabled = false;
        box.lastElementChild?.matches('.fe') || add(box, h('span', { class: 'fe', role: 'status' }, T.feedbackFailed));
      }
    };
    add(
      box,
      button('ib', T.up, [icon(ICON.up)], () => void rate('up')),
      button('ib', T.down, [icon(ICON.down)], () => void rate('down')),
    );
    return box;
  }

  function printAnswer(m: Msg): void {
    const w = window.open('', '_blank', 'width=820,height=900');
    if (!w) {
      announce(T.printBlocked);
      return;
    }
    const d = w.document;
    d.documentElement.lang = 'vi';
    d.title = title;
    try {
      const sheet = new (w as unknown as typeof globalThis).CSSStyleSheet();
      sheet.replaceSync(printCss);
      d.adoptedStyleSheets = [sheet];
    } catch {
      /* unstyled print view: still readable */
    }
    const meta = `${T.printedFrom}${location.host} – ${new Date().toLocaleString('vi-VN')}`;
    const mk = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string | null, text: string) => {
      const e = d.createElement(tag);
      if (cls) e.className = cls;
      e.textContent = text;
      return e;
    };
    d.body.replaceChildren(mk('h1', null, title), mk('p', 'meta', meta), sanitizeHtml(m.h ?? '', d));
    // On paper nothing is one click away: every collapsed detail and note is printed.
    d.body.querySelectorAll('details').forEach((x) => (x.open = true));
    w.focus();
    w.print();
  }

  function render(): void {
    const welcomeEl = h('div', { class: 'msg b' }, h('span', { class: 'sr' }, T.bot), h('div', { class: 'body' }, h('p', null, welcome)));
    list.replaceChildren(welcomeEl);
    chips = null;
    typing = null;
    for (const m of state.msgs) add(list, m.r === 'u' ? userEl(m) : botEl(m));
    const last = state.msgs[state.msgs.length - 1];
    if (!last) setChips(welcomeChips);
    else if (last.r === 'b') setChips(last.s);
  }

  function showTyping(on: boolean): void {
    typing?.remove();
    typing = null;
    if (on) {
      typing = h('div', { class: 'msg b typing', role: 'status' }, h('span', { class: 'sr' }, T.typing), h('i'), h('i'), h('i'));
      add(list, typing);
      scrollToEnd();
    }
    busy = on;
    sendBtn.disabled = on;
  }

  function showError(text: string, question: string): void {
    const el = h('div', { class: 'msg err', role: 'alert' }, h('div', null, text));
    add(
      el,
      button('ib', null, [icon(ICON.refresh), T.retry], () => {
        el.remove();
        void ask(question);
      }),
    );
    add(list, el);
    scrollToEnd();
  }

  async function send(raw: string): Promise<void> {
    const text = raw.trim().slice(0, MAX_MESSAGE_LENGTH);
    if (!text || busy) return;
    list.querySelectorAll('.err').forEach((e) => e.remove());
    setChips(undefined);
    const m: Msg = { r: 'u', t: text };
    state.msgs.push(m);
    save();
    add(list, userEl(m));
    input.value = '';
    autosize();
    input.focus();
    await ask(text);
  }

  async function ask(text: string): Promise<void> {
    showTyping(true);
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
    try {
      let res: Response;
      try {
        res = await fetch(`${api}/api/chat`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          // Sending a context (null at first) tells the server this page holds the conversation's memory.
          body: JSON.stringify({ sessionId: state.sid, message: text, context: state.ctx ?? null }),
          credentials: 'omit',
          signal: ctl.signal,
        });
      } catch {
        throw new ApiError(ctl.signal.aborted ? T.timeout : T.network);
      }
      const data = (await res.json().catch(() => null)) as {
        sessionId?: string;
        messageId?: string;
        context?: string | null;
        reply?: { html?: string; text?: string };
        suggestions?: Suggestion[];
        submitUrl?: string;
        pageUrl?: string;
        error?: { code?: string; message?: string };
      } | null;
      if (!res.ok || !data?.reply) {
        if (data?.error?.code === 'session_invalid') delete state.sid;
        throw new ApiError(data?.error?.message || T.failed);
      }
      if (data.sessionId) state.sid = data.sessionId;
      if (typeof data.context === 'string') state.ctx = data.context;
      else delete state.ctx;
      const m: Msg = { r: 'b', t: data.reply.text ?? '', h: data.reply.html ?? '' };
      if (data.messageId) m.id = data.messageId;
      if (Array.isArray(data.suggestions)) m.s = data.suggestions;
      if (data.submitUrl) m.l = data.submitUrl;
      if (data.pageUrl) m.p = data.pageUrl;
      state.msgs.push(m);
      save();
      showTyping(false);
      const el = botEl(m);
      add(list, el);
      setChips(m.s);
      // Show the question with the start of its answer (answers are long: not the end).
      const prev = el.previousElementSibling as HTMLElement | null;
      list.scrollTop = (prev?.matches('.u') ? prev : el).offsetTop - 8;
      announce(T.answered + shorten(m.t));
    } catch (err) {
      showTyping(false);
      const text2 = err instanceof ApiError && err.message ? err.message : T.failed;
      showError(text2, text);
    } finally {
      clearTimeout(timer);
      showTyping(false);
    }
  }

  function autosize(): void {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
  }

  function open(focus = true): void {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    if (!state.open) {
      state.open = true;
      save();
    }
    scrollToEnd();
    if (focus) input.focus();
  }

  function close(): void {
    if (panel.hidden) return;
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    state.open = false;
    save();
    launcher.focus();
  }

  function reset(): void {
    state = { msgs: [], open: true };
    save();
    render();
    showTyping(false);
    input.focus();
    announce(T.newChatDone);
  }

  input.addEventListener('compositionstart', () => (composing = true));
  input.addEventListener('compositionend', () => (composing = false));
  input.addEventListener('input', autosize);
  input.addEventListener('keydown', (e) => {
    // Vietnamese IMEs (Telex/VNI via the OS IME) confirm a syllable with Enter: never send then.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || composing || e.keyCode === 229) return;
    e.preventDefault();
    void send(input.value);
  });
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden && !e.isComposing && !composing) {
      e.stopPropagation();
      close();
    }
  });
  window.addEventListener('online', () => (offline.hidden = true));
  window.addEventListener('offline', () => (offline.hidden = false));

  render();
  add(document.body, host);
  if (state.open) open(false);

  window.TTHCWidget = Object.freeze({
    open: () => open(),
    close: () => close(),
    ask: (text: string) => {
      open();
      void send(String(text ?? ''));
    },
  });
}

if (!window.TTHCWidget) {
  // currentScript is only set while this script first runs: read it now, build when the body exists.
  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="widget"][src$=".js"]');
  if (document.body) start(script);
  else document.addEventListener('DOMContentLoaded', () => start(script), { once: true });
}
