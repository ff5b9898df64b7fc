/**
 * A progress bar with ETA on stderr when it is a terminal; silent otherwise (logs and pipes
 * stay clean). Redraws at most every 100 ms.
 */
export function progressBar(label: string, isTty = Boolean(process.stderr.isTTY)): (done: number, total: number) => void {
  const start = performance.now();
  let last = 0;
  return (done, total) => {
    if (!isTty) return;
    const now = performance.now();
    if (done < total && now - last < 100) return;
    last = now;
    const frac = total ? done / total : 1;
    const width = 30;
    const fill = Math.round(frac * width);
    const elapsed = (now - start) / 1000;
    const eta = done ? (elapsed / done) * (total - done) : 0;
    process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total} ETA ${eta.toFixed(0)}s  `);
    if (done >= total) process.stderr.write('\n');
  };
}
