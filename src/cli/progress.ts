// Progress on stderr: a rewritten line on a TTY, plain lines (every ~10%) otherwise unless `ttyOnly`
// (the command prints its own summary at the end); with the rate so far and the time left at that rate.
export interface ProgressOptions {
  stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;
  now?: () => number;
  /** Nothing but on a TTY: logs and pipes get the command's final summary only. */
  ttyOnly?: boolean;
}

export function progressReporter(label: string, opts: ProgressOptions = {}) {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => performance.now());
  let lastPct = -1;
  const started = now();
  const line = (done: number, total: number, pct: number): string => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 && total > done ? `, about ${formatSeconds((total - done) / rate)} left` : '';
    return `${label}: ${done}/${total} (${pct}%)${rate > 0 ? `, ${Math.round(rate).toLocaleString('en-US')} posts/s${eta}` : ''}`;
  };
  return {
    update(done: number, total: number): void {
      const pct = total ? Math.min(100, Math.floor((100 * done) / total)) : 100;
      if (stream.isTTY) {
        stream.write(`\r${line(done, total, pct)}\x1b[K`);
      } else if (!opts.ttyOnly && (pct >= lastPct + 10 || done === total)) {
        stream.write(`${line(done, total, pct)}\n`);
        lastPct = pct;
      }
    },
    end(): void {
      if (stream.isTTY) stream.write('\n');
    },
    /** Seconds since the reporter was made. */
    seconds: (): number => (now() - started) / 1000,
  };
}

/** 75 -> "1 min 15 s", 8 -> "8 s". */
export function formatSeconds(s: number): string {
  const r = Math.max(0, Math.round(s));
  return r >= 60 ? `${Math.floor(r / 60)} min ${r % 60} s` : `${r} s`;
}
