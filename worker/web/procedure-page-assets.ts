// The stylesheet and script of the public procedure pages (/thu-tuc.css, /thu-tuc.js): the pages'
// CSP allows no inline style or script. Mobile first (one column, large tick boxes), a wider
// column from 720 px; printed on A4 as a "phiếu hướng dẫn": the centre's name and the sheet's
// title, the QR code of the page top right, the checklist with empty boxes, the notes and
// fees in small print, the steps left to the page (the QR code leads there). Colours meet WCAG 2.1
// AA contrast on white.

export const pageCss = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:16px;-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:#1f2937;background:#f3f5f8}
a{color:#0b4f8a}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
main:focus{outline:none}
.wrap{max-width:860px;margin:0 auto;padding:0 16px}
.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;padding:0}
.skip{position:absolute;left:8px;top:-60px;padding:8px 12px;background:#fff;color:#0b4f8a;z-index:10;border-radius:4px}
.skip:focus{top:8px}
.print-only{display:none}
.top{background:#a31515;color:#fff}
.top .wrap{padding-top:10px;padding-bottom:10px}
.centre{margin:0;font-weight:700;font-size:1.05rem;line-height:1.3}
.kicker{margin:0;font-size:.85rem}
.sheet{background:#fff;border:1px solid #d5dbe3;border-radius:10px;padding:16px;margin:16px 0}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 10px;color:#0b2f52}
h2{font-size:1.15rem;line-height:1.35;margin:22px 0 8px;color:#0b2f52;border-bottom:2px solid #a31515;padding-bottom:4px}
h3{font-size:1.02rem;margin:16px 0 6px;color:#0b2f52}
h4{font-size:.98rem;margin:12px 0 6px}
.facts{display:grid;grid-template-columns:1fr;gap:2px 20px;margin:0 0 8px}
.facts div{margin:0;display:flex;flex-wrap:wrap;gap:0 6px}
.facts dt{color:#4b5563}
.facts dt::after{content:":"}
.facts dd{margin:0;font-weight:600}
.where p{margin:0 0 6px}
.actions{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
.btn{display:inline-block;padding:10px 16px;border:1px solid #0b4f8a;border-radius:8px;background:#fff;color:#0b4f8a;font:inherit;font-weight:600;text-decoration:none;cursor:pointer;line-height:1.3}
.btn:hover{background:#eaf2fb}
.btn.primary{background:#0b4f8a;color:#fff}
.btn.primary:hover{background:#083a66}
[hidden]{display:none!important}
.hint{color:#4b5563;font-size:.9rem;margin:4px 0 8px}
.muted{color:#4b5563}
.notice{background:#fff7e0;border:1px solid #f0d68a;color:#5c4400;padding:10px 14px;border-radius:6px}
.ticks{list-style:none;margin:0;padding:0}
.ticks>li{position:relative;padding:6px 0 6px 36px;border-bottom:1px solid #eef1f5}
.ticks>li:last-child{border-bottom:0}
.ticks input[type=checkbox]{position:absolute;left:4px;top:8px;width:22px;height:22px;margin:0;accent-color:#0b4f8a}
.ticks label{cursor:pointer;font-weight:600}
.ticks .sub{margin-top:4px}
.ticks .sub>li{padding-left:32px;border:0}
.ticks .sub label{font-weight:400}
.cond{font-style:normal;color:#7a3300;font-weight:600}
.counts{font-weight:400;color:#374151;white-space:nowrap}
.detail{margin:2px 0 0;font-size:.9rem;color:#374151}
.forms{display:block;font-size:.88rem;color:#374151}
.group.conditional h3,.group.conditional h4{color:#7a3300}
.notes{margin:0;padding-left:20px;font-size:.9rem;color:#374151}
.notes li{margin:0 0 4px}
.toc ol{margin:4px 0 0;padding-left:22px}
.grid{border-collapse:collapse;width:100%;font-size:.92rem}
.grid th,.grid td{border:1px solid #c9d0da;padding:6px 8px;text-align:left;vertical-align:top}
.grid thead th{background:#eef1f5}
.grid ul.plain{list-style:none;margin:0;padding:0}
.steps ol{padding-left:22px}
.steps li{margin:0 0 8px}
.source{margin:18px 0 0;font-size:.85rem;color:#4b5563}
.qr{display:none;margin:0}
.qr-code{display:block;width:132px;height:132px}
.qr figcaption{font-size:.78rem;color:#374151;max-width:150px;overflow-wrap:anywhere}
.search{margin:12px 0 20px}
.search label{display:block;font-weight:600;margin-bottom:6px}
.search .row{display:flex;gap:8px}
.search input{flex:1;min-width:0;font:inherit;padding:9px 10px;border:1px solid #6b7280;border-radius:8px}
.results{padding-left:22px}
.results li{margin:0 0 12px}
.results a{font-weight:600}
.meta{margin:2px 0 0;color:#4b5563;font-size:.9rem}
.foot{padding:16px 0 28px;background:#0b2f52;color:#fff;font-size:.88rem}
.foot p{margin:0 0 4px}
.foot .muted{color:#dbe4ee}
.foot-name{font-weight:700}
@media (min-width:720px){
.sheet{padding:24px 28px}
h1{font-size:1.6rem}
.facts{grid-template-columns:repeat(2,1fr)}
.sheet-head{display:grid;grid-template-columns:1fr auto;gap:20px;align-items:start}
.qr{display:block;text-align:center}
}
@media print{
@page{size:A4;margin:11mm 12mm}
html{font-size:9.5pt}
body{background:#fff;color:#000;line-height:1.35}
a{color:#000;text-decoration:none}
.no-print,.screen-only,.skip,.foot,.steps,.hint{display:none!important}
.notes-pointer{margin:4pt 0 0;font-size:8pt}
.print-only{display:block}
.wrap{max-width:none;padding:0}
.sheet{border:0;padding:0;margin:0}
.sheet-head{display:grid;grid-template-columns:1fr auto;gap:10pt;align-items:start}
.sheet-title{margin:0;font-size:13pt;font-weight:700;text-transform:uppercase}
.sheet-centre{margin:0 0 6pt;font-size:9pt}
.qr{display:block;text-align:center}
.qr-code{width:24mm;height:24mm;margin:0 auto}
.qr figcaption{font-size:6.5pt;max-width:32mm}
h1{font-size:12pt;margin:2pt 0 3pt;color:#000}
h2{font-size:10.5pt;margin:7pt 0 3pt;color:#000;border-bottom:1px solid #000;padding-bottom:1pt;break-after:avoid}
h3,h4{font-size:9.5pt;margin:5pt 0 2pt;color:#000;break-after:avoid}
.group.conditional h3,.group.conditional h4{color:#000}
.facts{grid-template-columns:repeat(2,1fr);gap:0 12pt;margin:0}
.facts dt{color:#000}
.where p{margin:0}
.ticks>li{padding:1pt 0 1pt 16pt;border:0;break-inside:avoid}
.ticks input[type=checkbox]{left:0;top:2pt;width:9pt;height:9pt}
.ticks .sub>li{padding-left:14pt}
.cond{color:#000}
.counts{color:#000}
.detail,.forms{font-size:7.5pt;color:#222;margin:0}
.notes{font-size:6.8pt;line-height:1.25;color:#222;columns:3;column-gap:10pt;padding-left:10pt}
.notes li{margin:0 0 1pt;break-inside:avoid}
.grid{font-size:8pt}
.grid th,.grid td{padding:2pt 4pt;border-color:#666}
.grid thead th{background:none}
.source{font-size:7.5pt;color:#000;margin-top:6pt}
}
`;

/** The print button (hidden without script: the browser's own print then does the same). */
export const pageJs = `"use strict";
document.addEventListener("DOMContentLoaded",function(){
  document.querySelectorAll('[data-action="print"]').forEach(function(b){
    b.hidden=false;
    b.addEventListener("click",function(){window.print();});
  });
});
`;
