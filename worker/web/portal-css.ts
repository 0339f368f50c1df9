// Stylesheet of the demo portal page, served at /portal.css (the page's CSP allows no inline style).
// Colors meet WCAG 2.1 AA contrast (white on #a31515 ≈ 7:1, on #0b4f8a ≈ 8.4:1).
export const portalCss = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:16px}
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;color:#1f2937;background:#f3f5f8}
a{color:#0b4f8a}
a:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
.wrap{max-width:1120px;margin:0 auto;padding:0 20px}
.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:8px;top:-48px;padding:8px 12px;background:#fff;color:#0b4f8a;z-index:10}
.skip:focus{top:8px}
.top{background:#a31515;color:#fff}
.brand{display:flex;align-items:center;gap:14px;padding-top:14px;padding-bottom:14px}
.emblem{width:56px;height:56px;flex:none}
.kicker{margin:0;font-size:.85rem;letter-spacing:.08em;text-transform:uppercase}
.site-name{margin:0;font-size:1.35rem;font-weight:700;line-height:1.25}
.hotline{margin:0 0 0 auto;font-size:.95rem;text-align:right}
.nav{background:#0b4f8a}
.nav ul{display:flex;flex-wrap:wrap;gap:4px;list-style:none;margin:0 auto;padding-top:0;padding-bottom:0}
.nav a{display:block;padding:12px 14px;color:#fff;text-decoration:none;font-weight:600}
.nav a:hover,.nav a[aria-current]{background:#083a66;text-decoration:underline}
.nav a:focus-visible{outline-color:#fff;outline-offset:-3px}
.hero{margin:28px 0 8px}
.hero h1{margin:0 0 8px;font-size:1.7rem;line-height:1.3;color:#0b2f52}
.hero p{margin:0;max-width:760px}
.grid{display:grid;grid-template-columns:2fr 1fr;gap:20px;margin:20px 0 40px}
.grid #tra-cuu{grid-column:2}
.card{background:#fff;border:1px solid #d5dbe3;border-radius:10px;padding:18px 20px}
.card h2{margin:0 0 12px;font-size:1.2rem;color:#0b2f52;border-bottom:2px solid #a31515;padding-bottom:6px}
#thu-tuc{grid-row:span 2}
.procs,.links{list-style:none;margin:0;padding:0}
.proc{padding:12px 0;border-bottom:1px solid #e5e9ef}
.proc:last-child{border-bottom:0}
.proc-name{font-weight:600;font-size:1.05rem}
.proc-meta{margin:2px 0 0;font-size:.9rem;color:#4b5563}
.code{font-variant-numeric:tabular-nums;color:#374151}
.links li{padding:6px 0}
.muted{color:#4b5563;font-size:.92rem}
.foot{background:#0b2f52;color:#fff;padding:24px 0 100px}
.foot p{margin:0 0 6px}
.foot .muted{color:#dbe4ee}
.foot-name{font-weight:700;font-size:1.1rem}
@media (max-width:800px){.grid{grid-template-columns:1fr}.grid #tra-cuu{grid-column:auto}.hotline{display:none}.hero h1{font-size:1.4rem}}
`;
