// The staff console's only stylesheet and only script, served as files by the worker
// (/staff/assets/staff.css, /staff/assets/staff.js): the pages' CSP allows no inline style or script.
//
// The script is plain ES2019 kept small on purpose: it works without a build step and only
// enhances pages that work without it (print buttons, live intake list, "tick all").
// Colours meet WCAG 2.1 AA contrast on white.

export const staffCss = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:16px;-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:#1f2937;background:#f3f5f8}
a{color:#0b4f8a}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
main:focus{outline:none}
h1{font-size:1.6rem;line-height:1.3;margin:20px 0 10px;color:#0b2f52}
h2{font-size:1.2rem;line-height:1.35;margin:22px 0 10px;color:#0b2f52}
h3{font-size:1.05rem;margin:18px 0 8px}
code{font:.85em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef1f5;padding:1px 4px;border-radius:3px}
.wrap{max-width:1180px;margin:0 auto;padding:0 20px}
.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;padding:0}
.skip{position:absolute;left:8px;top:-60px;padding:8px 12px;background:#fff;color:#0b4f8a;z-index:10;border-radius:4px}
.skip:focus{top:8px}
.top{background:#0b4f8a;color:#fff}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;padding-top:10px;padding-bottom:10px}
.brand{margin:0;display:flex;flex-direction:column;line-height:1.3}
.brand a{color:#fff;font-weight:700;font-size:1.1rem;text-decoration:none}
.brand a:hover{text-decoration:underline}
.brand .centre{font-size:.85rem;opacity:.92}
.nav{margin-left:auto}
.nav ul{display:flex;flex-wrap:wrap;align-items:center;gap:4px;list-style:none;margin:0;padding:0}
.nav a,.nav .linklike{display:block;padding:8px 12px;color:#fff;text-decoration:none;font-weight:600;border-radius:6px;font-size:.95rem}
.nav a:hover,.nav a[aria-current="page"],.nav .linklike:hover{background:#083a66;text-decoration:underline}
.nav a:focus-visible,.nav .linklike:focus-visible{outline-color:#fff}
.nav .who{padding:8px 12px;font-size:.85rem;opacity:.92}
.nav form{margin:0}
.linklike{background:none;border:0;font:inherit;cursor:pointer}
.foot{margin-top:40px;padding:16px 0;background:#e6eaf0;font-size:.85rem;color:#374151}
.foot p{margin:0}
.lead{font-size:1.05rem;max-width:780px}
.hint{color:#4b5563;font-size:.9rem;margin:6px 0}
.muted{color:#5b6472}
.small{font-size:.85rem;font-weight:400}
.nowrap{white-space:nowrap}
.card{background:#fff;border:1px solid #d5dbe3;border-radius:10px;padding:20px 24px;margin:24px 0}
.card.narrow{max-width:560px;margin:40px auto}
.alert{background:#fdecea;border:1px solid #f5c2bd;color:#8a1c12;padding:10px 14px;border-radius:6px}
.notice{background:#fff7e0;border:1px solid #f0d68a;color:#5c4400;padding:10px 14px;border-radius:6px}
.btn{display:inline-block;padding:9px 16px;border:1px solid #0b4f8a;border-radius:6px;background:#fff;color:#0b4f8a;font:inherit;font-weight:600;text-decoration:none;cursor:pointer;line-height:1.3}
.btn:hover{background:#eaf2fb}
.btn.primary{background:#0b4f8a;color:#fff}
.btn.primary:hover{background:#083a66}
.actions{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
label{font-weight:600}
input[type=search],input[type=password],input[type=date],input[type=number],select{font:inherit;padding:8px 10px;border:1px solid #8792a2;border-radius:6px;background:#fff;color:inherit}
input[type=checkbox]{width:1.2rem;height:1.2rem;accent-color:#0b4f8a}
.login label{display:block;margin:14px 0 4px}
.login input{width:100%}
.login .btn{margin-top:10px}
.search{margin:16px 0 24px;max-width:860px}
.search label{display:block;margin-bottom:6px}
.search .row{display:flex;gap:8px}
.search input{flex:1;min-width:0}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:16px;max-width:860px}
.tile{display:block;background:#fff;border:1px solid #d5dbe3;border-radius:10px;padding:16px 18px;text-decoration:none;color:inherit}
.tile:hover{border-color:#0b4f8a}
.tile strong{display:block;color:#0b4f8a;font-size:1.05rem}
.tile span{font-size:.92rem;color:#4b5563}
.results{padding-left:1.4rem}
.results li{margin:0 0 12px}
.results a{font-weight:600}
.meta{margin:2px 0 0;color:#4b5563;font-size:.9rem}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:.78rem;font-weight:600;vertical-align:1px;white-space:nowrap}
.badge.cond{background:#eef1f5;color:#374151;border:1px solid #c9d0da}
.badge.warn{background:#fff7e0;color:#5c4400;border:1px solid #f0d68a}
.badge.missing{background:#fdecea;color:#8a1c12;border:1px solid #f5c2bd}
.badge.short{background:#fff1e6;color:#7a3300;border:1px solid #f3c9a5}
.crumbs{margin:16px 0 0;font-size:.9rem}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:6px 24px;margin:10px 0 16px;background:#fff;border:1px solid #d5dbe3;border-radius:10px;padding:14px 18px}
.facts div{margin:0}
.facts dt{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:#5b6472}
.facts dd{margin:0}
.toc{background:#fff;border:1px solid #d5dbe3;border-radius:10px;padding:10px 18px;margin:12px 0}
.toc p{margin:4px 0}
.toc ol{margin:4px 0 8px}
.case{margin-top:10px}
table.grid{width:100%;border-collapse:collapse;background:#fff;margin:8px 0 12px}
table.grid th,table.grid td{border:1px solid #d5dbe3;padding:7px 10px;text-align:left;vertical-align:top}
table.grid thead th{background:#eef3f9;font-size:.88rem;color:#0b2f52}
table.grid .num{text-align:right;white-space:nowrap;width:1%}
table.grid.compact th,table.grid.compact td{padding:5px 8px;font-size:.92rem}
table.grid caption:not(.sr){text-align:left;font-weight:700;padding:6px 0;color:#0b2f52}
tr.conditional td{background:#fafbfc;color:#374151}
tr.group th{background:#f6f8fb;color:#0b2f52;font-size:.9rem}
.item-title{font-weight:600}
.item-detail{display:block;font-size:.88rem;color:#374151;margin-top:2px;font-weight:400}
.cond-label{color:#374151}
ul.sub{margin:4px 0 0;padding-left:1.1rem}
ul.sub .item-title{font-weight:400}
details.verbatim{margin:4px 0 0;font-size:.85rem}
details.verbatim summary{font-weight:400}
ul.notes{margin:4px 0;padding-left:1.2rem;font-size:.9rem}
.print-notes ul.notes{font-size:.82rem}
tr.current td{background:#fff7e0}
.forms,.plain{margin:0;padding-left:1.1rem}
.plain{list-style:none;padding:0}
.source{font-size:.85rem;color:#4b5563;margin-top:24px}
.tick-col{width:1%;text-align:center}
table.intake td{vertical-align:middle}
table.intake label{font-weight:400;cursor:pointer}
input.count{width:4.5rem;text-align:right}
.case-pick{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:8px 0 12px}
.case-pick select{max-width:100%}
.live{background:#fff;border:1px solid #d5dbe3;border-radius:10px;padding:6px 18px 12px;margin:16px 0}
.live h2{margin-top:10px}
.result.ok p{color:#14532d}
.result.missing .missing-list{padding-left:0;list-style:none}
.result.missing li{margin:6px 0}
.toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:10px;margin:16px 0}
.toolbar .hint{margin:0}
.sheet{background:#fff;border:1px solid #c9d0da;box-shadow:0 2px 10px rgba(0,0,0,.08);max-width:210mm;margin:16px auto;padding:14mm 14mm 16mm;color:#111}
.sheet-head{display:flex;justify-content:space-between;gap:20px;text-align:center;font-size:.92rem}
.sheet-head p{margin:0}
.centre-name{font-weight:700;text-transform:uppercase;max-width:80mm}
.nation{font-weight:700}
.motto{font-weight:600;text-decoration:underline}
.date{font-style:italic;margin-top:6px!important}
.sheet-title{text-align:center;font-size:1.25rem;margin:18px 0 10px;text-transform:uppercase;color:#111}
.sheet h2{font-size:1.02rem;color:#111;margin:14px 0 6px}
.sheet table.grid th,.sheet table.grid td{border-color:#888;font-size:.9rem;padding:5px 7px}
.sheet table.grid thead th{background:#f1f1f1;color:#111}
.sheet tr.group th{background:#fafafa;color:#111}
.sheet ul.sub{list-style:none;padding-left:.3rem}
.proc-name,.proc-meta{margin:4px 0}
.fill{margin:4px 0 8px}
.tick{display:inline-block;width:14px;height:14px;border:1.5px solid #111;border-radius:2px;vertical-align:-2px}
.form-names{font-size:.82rem;color:#374151}
.cond-text{font-size:.85rem;color:#374151}
.print-line{margin:6px 0}
.signature{display:flex;flex-direction:column;align-items:flex-end;margin-top:18px;text-align:center}
.signature p{margin:0;width:75mm;text-align:center}
.signature p:first-child{font-weight:700}
.period{display:flex;flex-wrap:wrap;align-items:flex-end;gap:10px 16px;background:#fff;border:1px solid #d5dbe3;border-radius:10px;padding:12px 16px;margin:10px 0}
.period label{display:block;font-size:.9rem}
.period .quick{flex-basis:100%;margin:0;font-size:.92rem}
.period-text{margin:6px 0 12px;color:#374151}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:14px;margin:12px 0 18px}
.kpi{background:#fff;border:1px solid #d5dbe3;border-left:5px solid #0b4f8a;border-radius:10px;padding:12px 16px}
.kpi p{margin:0}
.kpi-label{font-size:.88rem;color:#4b5563;font-weight:600}
.kpi-value{font-size:2rem;font-weight:700;color:#0b2f52;line-height:1.25}
.kpi-sub{font-size:.85rem;color:#5b6472}
.panels{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
.panels.two{grid-template-columns:repeat(auto-fit,minmax(420px,1fr))}
.panel{background:#fff;border:1px solid #d5dbe3;border-radius:10px;padding:6px 18px 14px;margin:0 0 16px;min-width:0;overflow-x:auto}
table.grid thead th.num{white-space:normal}
.panel h2{font-size:1.08rem;margin:12px 0 8px}
.chart{display:block;max-width:100%;height:auto;font-family:inherit;margin:4px 0 8px}
details{margin:8px 0}
summary{cursor:pointer;color:#0b4f8a;font-weight:600}
.pager{display:flex;gap:14px;align-items:center;margin:8px 0}
.unmatched td:last-child{word-break:break-word}
.anomalies td:last-child{word-break:break-word;font-size:.88rem}
@media (max-width:640px){.search .row{flex-direction:column}.panels.two{grid-template-columns:1fr}.sheet{padding:8mm}}
@media print{
  @page{size:A4;margin:14mm 12mm 16mm}
  html{font-size:11pt}
  body{background:#fff;color:#000}
  .no-print,.top,.foot,.skip,.toolbar,.crumbs{display:none!important}
  .wrap{max-width:none;padding:0}
  a{color:#000;text-decoration:none}
  .sheet{border:0;box-shadow:none;margin:0;padding:0;max-width:none}
  .print-case.break{break-before:page}
  table.grid tr{break-inside:avoid}
  .signature{break-inside:avoid}
  body.has-slip main>*:not(.slip){display:none!important}
  body.dashboard .panel,body.dashboard .kpi{break-inside:avoid;border-color:#999}
  details:not([open])>*:not(summary){display:none}
  .tick{border-color:#000}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

export const staffJs = `(function () {
  'use strict';
  document.addEventListener('click', function (e) {
    var el = e.target && e.target.closest ? e.target.closest('[data-action]') : null;
    if (!el) return;
    var action = el.getAttribute('data-action');
    if (action === 'print') {
      e.preventDefault();
      window.print();
    } else if (action === 'tick-all') {
      e.preventDefault();
      var form = el.form;
      if (!form) return;
      Array.prototype.forEach.call(form.querySelectorAll('tr.expected input[type=checkbox]'), function (box) {
        if (!box.checked) {
          box.checked = true;
          fill(form, box);
        }
      });
      refresh(form);
    }
  });

  function field(form, prefix, index) {
    return form.querySelector('#' + prefix + '-' + index);
  }

  // A ticked row gets the counts the catalog asks for (when it gives any); an unticked row is cleared.
  function fill(form, box) {
    var o = field(form, 'o', box.value);
    var k = field(form, 'k', box.value);
    if (!o || !k) return;
    if (box.checked) {
      var needO = Number(box.getAttribute('data-need-o')) || 0;
      var needK = Number(box.getAttribute('data-need-k')) || 0;
      if (needO + needK > 0) {
        if (o.value === '') o.value = String(needO);
        if (k.value === '') k.value = String(needK);
      }
    } else {
      o.value = '';
      k.value = '';
    }
  }

  var timers = new WeakMap();
  var sequence = 0;
  function refresh(form) {
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(function () { send(form); }, 150));
  }

  function send(form) {
    var target = document.getElementById('intake-summary');
    var live = document.getElementById('intake-live');
    if (!target) return;
    var id = ++sequence;
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute('action') + '?fragment=1', {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { Accept: 'text/html' },
    })
      .then(function (res) {
        return res.text().then(function (text) { return { ok: res.ok, text: text }; });
      })
      .then(function (r) {
        if (id !== sequence) return;
        if (r.ok) {
          target.innerHTML = r.text; // server-rendered, every value escaped
        } else {
          target.textContent = (live && live.getAttribute('data-error')) || '';
        }
      })
      .catch(function () {
        if (id === sequence) target.textContent = (live && live.getAttribute('data-error')) || '';
      });
  }

  var form = document.getElementById('intake-form');
  if (form) {
    var all = form.querySelector('[data-action="tick-all"]');
    if (all) all.hidden = false;
    form.addEventListener('change', function (e) {
      var el = e.target;
      if (el.type === 'checkbox') {
        fill(form, el);
      } else if (el.classList && el.classList.contains('count')) {
        var box = field(form, 'c', el.id.slice(2));
        if (box && el.value !== '' && Number(el.value) > 0) box.checked = true;
      }
      refresh(form);
    });
    form.addEventListener('input', function (e) {
      if (e.target.classList && e.target.classList.contains('count')) refresh(form);
    });
  }
})();
`;
