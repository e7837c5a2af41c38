// Progress on stderr: a rewritten line on a TTY, plain lines (every ~10%) otherwise.
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastPct = -1;
  return {
    update(done: number, total: number): void {
      const pct = total ? Math.floor((100 * done) / total) : 100;
      if (stream.isTTY) {
        stream.write(`\r${label}: ${done}/${total} (${pct}%)`);
      } else if (pct >= lastPct + 10 || done === total) {
        stream.write(`${label}: ${done}/${total} (${pct}%)\n`);
        lastPct = pct;
      }
    },
    end(): void {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
