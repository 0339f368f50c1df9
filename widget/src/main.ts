// The chat widget a provincial public-service portal embeds with one script tag:
//   <script src="https://HOST/widget.js" async data-title="…" data-color="#0b4f8a"></script>
// Everything lives in a shadow root on one <tthc-widget> element; the only global is
// window.TTHCWidget = { open(), close(), ask(text) }. No framework: DOM APIs only, and no markup
// string is ever inserted — user text goes in as text, answer HTML through the allowlist sanitizer.
//
// This file reads the script tag's settings and wires the three parts together: the conversation
// (state.ts, kept in sessionStorage), the calls to the worker (transport.ts) and what the citizen
// sees (view.ts).
import { MAX_MESSAGE_LENGTH } from '../../worker/chat/limits';
import { palette } from './color';
import { createStore, type Msg } from './state';
import { T } from './text';
import { ApiError, askServer, sendFeedback } from './transport';
import { createView } from './view';

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

function start(script: HTMLScriptElement | null): void {
  const ds = script?.dataset ?? {};
  let api = '';
  try {
    api = new URL(ds.api || (script?.src ?? ''), location.href).origin;
  } catch {
    api = location.origin;
  }
  const store = createStore(`tthc-widget:${api}`);

  const view = createView({
    title: (ds.title || '').trim() || T.title,
    welcome: (ds.welcome || '').trim() || T.welcome,
    // data-dossier="off" hides the "Tra cứu hồ sơ" chip (a portal with its own lookup page).
    welcomeChips: [...T.examples, ...(ds.dossier === 'off' ? [] : [T.dossier])].map((e) => ({ label: e, message: e })),
    colors: palette(ds.color),
    position: ds.position === 'left' ? 'left' : 'right',
    onSend: (text) => void send(text),
    onRetry: (question) => void ask(question),
    onRate: async (m, rating) => {
      if (!m.id) return;
      await sendFeedback(api, { sessionId: store.state.sid, messageId: m.id, rating });
      m.f = rating;
      store.save();
    },
    onReset: reset,
    onVisibility: (open) => {
      if (store.state.open === open) return;
      store.state.open = open;
      store.save();
    },
  });

  async function send(raw: string): Promise<void> {
    const text = raw.trim().slice(0, MAX_MESSAGE_LENGTH);
    if (!text || view.isBusy()) return;
    view.clearForQuestion();
    const m: Msg = { r: 'u', t: text };
    store.state.msgs.push(m);
    store.save();
    view.showQuestion(m);
    await ask(text);
  }

  async function ask(text: string): Promise<void> {
    view.showTyping(true);
    try {
      const sent = store.state;
      const data = await askServer(api, { sessionId: sent.sid, message: text, context: sent.ctx ?? null }).catch((err: unknown) => {
        if (err instanceof ApiError && err.code === 'session_invalid') delete store.state.sid;
        throw err;
      });
      // The conversation as it is now ("Cuộc trò chuyện mới" may have replaced it meanwhile).
      const state = store.state;
      state.sid = data.sessionId;
      if (typeof data.context === 'string') state.ctx = data.context;
      else delete state.ctx;
      const m: Msg = { r: 'b', t: data.reply.text, h: data.reply.html };
      if (data.messageId) m.id = data.messageId;
      if (Array.isArray(data.suggestions)) m.s = data.suggestions;
      if (data.submitUrl) m.l = data.submitUrl;
      if (data.pageUrl) m.p = data.pageUrl;
      state.msgs.push(m);
      store.save();
      view.showTyping(false);
      view.showAnswer(m);
    } catch (err) {
      view.showTyping(false);
      view.showError(err instanceof ApiError && err.message ? err.message : T.failed, text);
    } finally {
      view.showTyping(false);
    }
  }

  function reset(): void {
    store.reset();
    view.render(store.state.msgs);
    view.showTyping(false);
    view.focusInput();
    view.announce(T.newChatDone);
  }

  view.render(store.state.msgs);
  if (store.state.open) view.open(false);

  window.TTHCWidget = Object.freeze({
    open: () => view.open(),
    close: () => view.close(),
    ask: (text: string) => {
      view.open();
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
