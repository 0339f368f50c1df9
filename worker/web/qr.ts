// A QR code as inline SVG (uqr: encodes in any runtime, no canvas, no network). One path for the
// dark modules, one rectangle per run of a row, on white with the standard quiet zone of 4 modules,
// so that a phone's camera reads it from paper as from a screen.
import { encode } from 'uqr';
import { escapeHtml, raw, type SafeHtml } from '../lib/html';

const QUIET_ZONE = 4;

/** `label`: what a screen reader says for the image (the address it encodes). */
export function qrSvg(text: string, label: string): SafeHtml {
  // Error correction M (15%): a printed sheet gets folded and stamped.
  const qr = encode(text, { ecc: 'M', border: QUIET_ZONE });
  let d = '';
  qr.data.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      let end = x;
      while (row[end + 1]) end++;
      d += `M${x} ${y}h${end - x + 1}v1H${x}z`;
      x = end;
    }
  });
  return raw(
    `<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${qr.size} ${qr.size}" role="img" aria-label="${escapeHtml(label)}" shape-rendering="crispEdges"><rect width="${qr.size}" height="${qr.size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`,
  );
}
