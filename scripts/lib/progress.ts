// A dependency-free progress bar on stderr; silent when stderr is not a terminal (CI logs).

export interface Progress {
  tick(): void;
  done(): void;
}

export function progress(label: string, total: number): Progress {
  const tty = process.stderr.isTTY === true;
  let n = 0;
  let lastDrawn = -1;
  const draw = () => {
    const pct = total === 0 ? 100 : Math.floor((n / total) * 100);
    if (pct === lastDrawn) return;
    lastDrawn = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    process.stderr.write(`\r${label.padEnd(16)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${n}/${total}`);
  };
  return {
    tick() {
      n++;
      if (tty) draw();
    },
    done() {
      if (tty) {
        draw();
        process.stderr.write('\n');
      } else {
        process.stderr.write(`${label}: ${n}/${total}\n`);
      }
    },
  };
}
