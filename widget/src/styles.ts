// All the widget's CSS. It lives inside the shadow root (a constructable stylesheet, so a portal's
// strict Content-Security-Policy without 'unsafe-inline' styles does not block it), and the host
// element resets everything it could inherit from the page. Units are px, never rem, so the
// page's root font size cannot resize the widget.

export const css = `
:host{all:initial!important}
.w{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;color:#1f2937;-webkit-text-size-adjust:100%;text-align:left;direction:ltr}
*,*::before,*::after{box-sizing:border-box}
button,textarea,a{font:inherit}
button{cursor:pointer}
[hidden]{display:none!important}
.sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;flex:none}
:focus-visible{outline:3px solid var(--at);outline-offset:2px}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;height:56px;padding:0 20px 0 16px;border:2px solid #fff;border-radius:28px;background:var(--a);color:var(--oa);font-weight:600;font-size:15px;box-shadow:0 4px 14px rgba(0,0,0,.25);transition:transform .15s}
.launcher:hover{transform:translateY(-2px)}
.launcher svg{width:24px;height:24px}
.panel{position:fixed;bottom:88px;right:20px;z-index:2147483001;display:flex;flex-direction:column;width:390px;max-width:calc(100vw - 40px);height:680px;max-height:calc(100vh - 108px);background:#fff;border:1px solid #cbd5e1;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.22);overflow:hidden;animation:up .18s ease-out}
.left .launcher,.left .panel{right:auto;left:20px}
@keyframes up{from{opacity:0;transform:translateY(12px)}}
.head{display:flex;align-items:center;gap:6px;padding:10px 8px 10px 16px;background:var(--a);color:var(--oa)}
.ttl{flex:1;min-width:0}
.head h2{margin:0;font-size:16px;font-weight:700;line-height:1.3}
.head small{display:block;font-size:12px;font-weight:400}
.hb{display:inline-flex;align-items:center;justify-content:center;gap:4px;min-width:40px;height:40px;padding:0 8px;border:1px solid transparent;border-radius:8px;background:transparent;color:inherit;font-size:13px}
.hb:hover{border-color:currentColor}
.hb:focus-visible{outline-color:currentColor}
.msgs{position:relative;flex:1;overflow-y:auto;padding:14px 14px 4px;overscroll-behavior:contain}
.msg{max-width:90%;margin:0 0 12px;padding:10px 12px;border-radius:12px;font-size:14.5px;overflow-wrap:anywhere}
.u{margin-left:auto;background:var(--a);color:var(--oa);border-bottom-right-radius:4px;white-space:pre-wrap;width:fit-content}
.b{background:#f1f4f8;border-bottom-left-radius:4px}
.b a{color:var(--at);text-decoration:underline}
.b h3,.b h4{margin:0 0 4px;font-size:15px;line-height:1.35}
.b p{margin:0 0 6px}
.b p>em:only-child{font-size:13px;color:#475569}
.b ul,.b ol{margin:0 0 8px;padding-left:20px}
.b li{margin:3px 0}
.b .cl{list-style:none;padding-left:2px}
.b .cl li{padding-left:1.4em;text-indent:-1.4em}
.b .cl ul{margin:2px 0 0;padding-left:0;text-indent:0}
.b summary{cursor:pointer;list-style:none}
.b summary::-webkit-details-marker{display:none}
.b summary::after{content:" ▸";color:var(--at)}
.b details[open]>summary::after{content:" ▾"}
.b details>p,.b details>ul{margin:2px 0 6px;text-indent:0;font-size:13.5px;color:#374151}
.b details>ul{padding-left:18px}
.b table{display:block;overflow-x:auto;border-collapse:collapse;margin:0 0 8px;font-size:13px}
.b th,.b td{border:1px solid #94a3b8;padding:4px 6px;text-align:left;vertical-align:top}
.b code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
.body>details{margin:0 0 6px}
.body>:last-child{margin-bottom:0}
.links{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0 2px}
.submit,.page{display:inline-flex;align-items:center;gap:6px;padding:9px 14px;border-radius:8px;text-decoration:none!important;font-weight:600}
.submit{background:var(--a);color:var(--oa)!important}
.page{border:1px solid var(--at);background:#fff;color:var(--at)!important}
.submit:hover,.page:hover{text-decoration:underline!important}
.acts{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-top:10px;font-size:13px;color:#374151}
.ib{display:inline-flex;align-items:center;justify-content:center;gap:4px;min-width:34px;height:34px;padding:0 8px;border:1px solid #64748b;border-radius:8px;background:#fff;color:#1f2937;font-size:13px}
.ib:hover{background:#e2e8f0}
.ib svg{width:16px;height:16px}
.ib:disabled{cursor:default;opacity:.7}
.sep{flex:1}
.fb{display:inline-flex;flex-wrap:wrap;align-items:center;gap:6px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 12px}
.chip{padding:6px 12px;border:1px solid var(--at);border-radius:16px;background:#fff;color:var(--at);font-size:13.5px;text-align:left;line-height:1.35}
.chip:hover{background:var(--a);color:var(--oa);border-color:var(--a)}
.typing{display:flex;gap:5px;width:fit-content;padding:14px 14px}
.typing i{width:8px;height:8px;border-radius:50%;background:#475569;animation:blink 1.2s infinite}
.typing i:nth-child(3){animation-delay:.2s}
.typing i:nth-child(4){animation-delay:.4s}
@keyframes blink{0%,80%,100%{opacity:.25}40%{opacity:1}}
.err{background:#fef2f2;color:#991b1b;border:1px solid #fca5a5}
.err .ib{margin-top:8px;border-color:#991b1b;color:#991b1b}
.off{padding:8px 14px;background:#fffbeb;color:#78350f;border-bottom:1px solid #fcd34d;font-size:13px}
.comp{display:flex;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #e2e8f0}
textarea{flex:1;min-height:44px;max-height:120px;padding:10px 12px;border:1px solid #64748b;border-radius:10px;resize:none;color:#111827;background:#fff;font-size:15px;line-height:1.4}
textarea::placeholder{color:#64748b}
.send{display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;border:0;border-radius:10px;background:var(--a);color:var(--oa)}
.send:disabled{opacity:.6;cursor:default}
.foot{margin:0;padding:0 12px 8px;font-size:11.5px;color:#475569;text-align:center}
@media (max-width:480px){
.panel{inset:0;width:100%;max-width:none;height:100%;max-height:none;border:0;border-radius:0}
.launcher{width:56px;padding:0;justify-content:center}
.launcher .lbl{display:none}
.msg{max-width:94%}
}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important}.typing i{opacity:.7}}
@media (forced-colors:active){.launcher,.send,.submit,.page,.msg,.chip{border:1px solid CanvasText}}
`;

/** The stand-alone print view of one answer. */
export const printCss = `
body{font:12pt/1.5 system-ui,"Segoe UI",Roboto,Arial,sans-serif;color:#000;margin:24px;max-width:760px}
h1{font-size:16pt;margin:0 0 4px}
.meta{color:#333;font-size:10pt;margin:0 0 16px;border-bottom:1px solid #999;padding-bottom:8px}
h3,h4{font-size:13pt;margin:12px 0 6px}
ul,ol{padding-left:22px}
li{margin:3px 0;break-inside:avoid}
summary{list-style:none;font-weight:600}
summary::-webkit-details-marker{display:none}
table{border-collapse:collapse}
th,td{border:1px solid #666;padding:4px 6px;text-align:left;vertical-align:top}
a{color:#000}
`;
