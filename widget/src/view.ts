// What the citizen sees and uses: the launcher and the panel in a shadow root, the messages (user
// text as text, answer HTML through the allowlist sanitizer), chips, feedback, copy and print, the
// typing indicator, errors with "Thử lại", and the keyboard (Enter sends, except while a
// Vietnamese IME composes; Escape closes). It keeps no conversation: main.ts tells it what to show.
import { MAX_MESSAGE_LENGTH } from '../../worker/chat/limits';
import { httpUrl } from '../../worker/lib/url';
import type { palette } from './color';
import { add, button, h, icon, ICON } from './dom';
import { sanitizeHtml } from './sanitize';
import type { Msg, Suggestion } from './state';
import { css, printCss } from './styles';
import { T } from './text';

export interface ViewOptions {
  title: string;
  welcome: string;
  welcomeChips: Suggestion[];
  colors: ReturnType<typeof palette>;
  position: 'left' | 'right';
  /** The citizen sends a text (typed, or a chip). */
  onSend(text: string): void;
  /** "Thử lại" after an error: the question asked again (it is already in the conversation). */
  onRetry(question: string): void;
  /** The citizen rates an answer: resolves when the rating is stored, rejects when it is not. */
  onRate(m: Msg, rating: 'up' | 'down'): Promise<void>;
  /** "Cuộc trò chuyện mới". */
  onReset(): void;
  /** The panel was opened or closed. */
  onVisibility(open: boolean): void;
}

export interface View {
  /** The conversation's messages, from the welcome on. */
  render(msgs: Msg[]): void;
  showQuestion(m: Msg): void;
  showAnswer(m: Msg): void;
  showTyping(on: boolean): void;
  showError(text: string, question: string): void;
  /** Before sending: earlier errors and chips go, the input empties. */
  clearForQuestion(): void;
  isBusy(): boolean;
  isOpen(): boolean;
  open(focus?: boolean): void;
  close(): void;
  announce(text: string): void;
  focusInput(): void;
}

/** The first sentences of a text, for the screen-reader announcement. */
function shorten(text: string, max = 220): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

export function createView(o: ViewOptions): View {
  const host = document.createElement('tthc-widget');
  const root = host.attachShadow({ mode: 'open' });
  const sheetText = `${css}:host{--a:${o.colors.accent};--oa:${o.colors.onAccent};--at:${o.colors.accentText}}`;
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
  const sendBtn = button('send', T.send, [icon(ICON.send)], () => o.onSend(input.value));

  const newChat = button('hb', T.newChat, [icon(ICON.refresh)], () => o.onReset());
  newChat.title = T.newChat;
  const panel = h(
    'div',
    { id: 'tthc-panel', class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'tthc-title' },
    h(
      'div',
      { class: 'head' },
      h('div', { class: 'ttl' }, h('h2', { id: 'tthc-title' }, o.title), h('small', null, T.subtitle)),
      newChat,
      button('hb', T.close, [icon(ICON.close)], () => close()),
    ),
    offline,
    list,
    h('div', { class: 'comp' }, h('label', { class: 'sr', for: 'tthc-input' }, T.input), input, sendBtn),
    h('p', { class: 'foot' }, T.note),
  );
  panel.hidden = true;
  const wrap = h('div', { class: o.position === 'left' ? 'w left' : 'w', lang: 'vi' }, launcher, panel, live);
  add(root, wrap);

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
      if (s && typeof s.label === 'string' && typeof s.message === 'string') add(row, button('chip', null, [s.label], () => o.onSend(s.message)));
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
        await o.onRate(m, rating);
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
    d.title = o.title;
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
    d.body.replaceChildren(mk('h1', null, o.title), mk('p', 'meta', meta), sanitizeHtml(m.h ?? '', d));
    // On paper nothing is one click away: every collapsed detail and note is printed.
    d.body.querySelectorAll('details').forEach((x) => (x.open = true));
    w.focus();
    w.print();
  }

  function render(msgs: Msg[]): void {
    const welcomeEl = h('div', { class: 'msg b' }, h('span', { class: 'sr' }, T.bot), h('div', { class: 'body' }, h('p', null, o.welcome)));
    list.replaceChildren(welcomeEl);
    chips = null;
    typing = null;
    for (const m of msgs) add(list, m.r === 'u' ? userEl(m) : botEl(m));
    const last = msgs[msgs.length - 1];
    if (!last) setChips(o.welcomeChips);
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
        o.onRetry(question);
      }),
    );
    add(list, el);
    scrollToEnd();
  }

  function showAnswer(m: Msg): void {
    const el = botEl(m);
    add(list, el);
    setChips(m.s);
    // Show the question with the start of its answer (answers are long: not the end).
    const prev = el.previousElementSibling as HTMLElement | null;
    list.scrollTop = (prev?.matches('.u') ? prev : el).offsetTop - 8;
    announce(T.answered + shorten(m.t));
  }

  function autosize(): void {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
  }

  function open(focus = true): void {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    o.onVisibility(true);
    scrollToEnd();
    if (focus) input.focus();
  }

  function close(): void {
    if (panel.hidden) return;
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    o.onVisibility(false);
    launcher.focus();
  }

  input.addEventListener('compositionstart', () => (composing = true));
  input.addEventListener('compositionend', () => (composing = false));
  input.addEventListener('input', autosize);
  input.addEventListener('keydown', (e) => {
    // Vietnamese IMEs (Telex/VNI via the OS IME) confirm a syllable with Enter: never send then.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || composing || e.keyCode === 229) return;
    e.preventDefault();
    o.onSend(input.value);
  });
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden && !e.isComposing && !composing) {
      e.stopPropagation();
      close();
    }
  });
  window.addEventListener('online', () => (offline.hidden = true));
  window.addEventListener('offline', () => (offline.hidden = false));

  add(document.body, host);

  return {
    render,
    showQuestion(m) {
      add(list, userEl(m));
    },
    showAnswer,
    showTyping,
    showError,
    clearForQuestion() {
      list.querySelectorAll('.err').forEach((e) => e.remove());
      setChips(undefined);
      input.value = '';
      autosize();
      input.focus();
    },
    isBusy: () => busy,
    isOpen: () => !panel.hidden,
    open,
    close,
    announce,
    focusInput: () => input.focus(),
  };
}
