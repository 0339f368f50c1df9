// The demo portal page served at GET /: what a province's public-service portal looks like with the
// widget embedded by its one script tag, exactly as a real portal would embed it. Static markup,
// no inline script or style (the page is served with a strict Content-Security-Policy).

import { escapeHtml } from '../lib/html';
import { httpUrl } from '../lib/url';

export interface PortalProcedure {
  code: string;
  name: string;
  /** The procedure's page on the national public service portal, when known. */
  url: string | null;
  /** What the citizen usually wants to know, shown under the name. */
  hint: string;
}

export interface PortalOptions {
  centreName: string;
  hotline: string;
  address: string;
  province: string | null;
  procedures: PortalProcedure[];
}

/** Featured procedures (codes from the national catalog); names and links are read from the catalog at request time. */
export const FEATURED: PortalProcedure[] = [
  { code: '1.001193', name: 'Thủ tục đăng ký khai sinh', url: null, hint: 'Hộ tịch · cấp xã' },
  { code: '1.000894', name: 'Thủ tục đăng ký kết hôn', url: null, hint: 'Hộ tịch · cấp xã' },
  { code: '1.004222', name: 'Đăng ký thường trú', url: null, hint: 'Cư trú · Công an cấp xã' },
  { code: '3.000348', name: 'Cấp lại giấy phép lái xe', url: null, hint: 'Đường bộ · cấp tỉnh' },
];

const EMBLEM = `<svg class="emblem" viewBox="0 0 64 64" aria-hidden="true" focusable="false"><circle cx="32" cy="32" r="30" fill="#c8102e" stroke="#f2c200" stroke-width="3"/><path fill="#f2c200" d="M32 13l5.3 16.2H54L40.4 39.3 45.6 55.5 32 45.4 18.4 55.5l5.2-16.2L10 29.2h16.7z"/></svg>`;

function procedureItem(p: PortalProcedure): string {
  const name = escapeHtml(p.name);
  const portalUrl = httpUrl(p.url);
  const national = portalUrl
    ? ` · <a href="${escapeHtml(portalUrl)}" target="_blank" rel="noopener noreferrer">Xem trên Cổng Dịch vụ công quốc gia<span class="sr"> (mở trong thẻ mới)</span></a>`
    : '';
  return `<li class="proc">
        <a class="proc-name" href="/api/procedures/${encodeURIComponent(p.code)}">${name}</a>
        <p class="proc-meta"><span class="code">Mã ${escapeHtml(p.code)}</span> · ${escapeHtml(p.hint)}${national}</p>
      </li>`;
}

export function portalHtml(o: PortalOptions): string {
  const centre = escapeHtml(o.centreName);
  const place = o.province ? ` ${escapeHtml(o.province)}` : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cổng Dịch vụ công – ${centre}${place}</title>
<meta name="description" content="Cổng Dịch vụ công – ${centre}: tra cứu thủ tục hành chính, nộp hồ sơ trực tuyến, hỏi đáp với trợ lý thủ tục hành chính.">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/portal.css">
</head>
<body>
<a class="skip" href="#noi-dung">Bỏ qua đến nội dung chính</a>
<header class="top">
  <div class="wrap brand">
    ${EMBLEM}
    <div>
      <p class="kicker">Cổng Dịch vụ công</p>
      <p class="site-name">${centre}${place}</p>
    </div>
    <p class="hotline">Đường dây nóng: <strong>${escapeHtml(o.hotline)}</strong></p>
  </div>
  <nav class="nav" aria-label="Điều hướng chính">
    <ul class="wrap">
      <li><a href="/" aria-current="page">Trang chủ</a></li>
      <li><a href="#thu-tuc">Thủ tục hành chính</a></li>
      <li><a href="#dich-vu">Dịch vụ công trực tuyến</a></li>
      <li><a href="#tra-cuu">Tra cứu hồ sơ</a></li>
      <li><a href="#lien-he">Liên hệ</a></li>
    </ul>
  </nav>
</header>
<main id="noi-dung" class="wrap">
  <section class="hero">
    <h1>Giải quyết thủ tục hành chính nhanh chóng, công khai, minh bạch</h1>
    <p>Tra cứu hồ sơ cần chuẩn bị, lệ phí, thời hạn giải quyết và nơi nộp của các thủ tục hành chính. Có thắc mắc? Hãy hỏi <strong>Trợ lý thủ tục hành chính</strong> ở góc dưới bên phải màn hình — hỏi bằng tiếng Việt có dấu hoặc không dấu.</p>
  </section>
  <div class="grid">
    <section id="thu-tuc" class="card">
      <h2>Thủ tục được quan tâm</h2>
      <ul class="procs">
      ${o.procedures.map(procedureItem).join('\n      ')}
      </ul>
    </section>
    <section id="dich-vu" class="card">
      <h2>Dịch vụ công trực tuyến</h2>
      <ul class="links">
        <li><a href="https://dichvucong.gov.vn/" target="_blank" rel="noopener noreferrer">Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia<span class="sr"> (mở trong thẻ mới)</span></a></li>
        <li><a href="#tra-cuu">Tra cứu tình trạng hồ sơ</a></li>
        <li><a href="#lien-he">Thanh toán phí, lệ phí trực tuyến</a></li>
        <li><a href="#lien-he">Đánh giá mức độ hài lòng</a></li>
      </ul>
    </section>
    <section id="tra-cuu" class="card">
      <h2>Tra cứu hồ sơ</h2>
      <p>Nhập mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả tại Bộ phận Một cửa để xem tình trạng giải quyết.</p>
      <p class="muted">Trợ lý thủ tục hành chính không tra cứu hồ sơ cá nhân; vui lòng không nhập số định danh, số điện thoại vào khung trò chuyện.</p>
    </section>
  </div>
</main>
<footer id="lien-he" class="foot">
  <div class="wrap">
    <p class="foot-name">${centre}${place}</p>
    <p>Địa chỉ: ${escapeHtml(o.address)} · Đường dây nóng: ${escapeHtml(o.hotline)}</p>
    <p>Giờ làm việc: sáng 7:30–11:30, chiều 13:30–17:00, từ thứ Hai đến thứ Sáu.</p>
    <p class="muted">Trang minh họa cách nhúng trợ lý thủ tục hành chính vào cổng thông tin. Thông tin thủ tục lấy từ Cơ sở dữ liệu quốc gia về thủ tục hành chính.</p>
  </div>
</footer>
<script src="/widget.js" async data-title="${centre}" data-welcome="Xin chào! Tôi là trợ lý thủ tục hành chính của ${centre}. Bạn cần tìm hiểu thủ tục nào? Bạn có thể hỏi bằng tiếng Việt có dấu hoặc không dấu, ví dụ:"></script>
</body>
</html>
`;
}
