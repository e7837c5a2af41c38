// Progress for long backfills on stderr: one rewritten line on a TTY, plain lines otherwise.
import type { ChannelOutcome, PageProgress } from './collect-channel.js';
import type { RetryInfo } from './polite-fetcher.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface CollectProgress {
  page(p: PageProgress): void;
  retry(r: RetryInfo): void;
  channelDone(o: ChannelOutcome): void;
  end(): void;
}

/** Plain (non-TTY) output prints the second page and then every `every` pages. */
export function createProgress(stream: ProgressStream, every = 10): CollectProgress {
  let open = false; // a \r line is on screen
  const line = (p: PageProgress): string =>
    `${p.channel}: page ${p.pages}, ${p.newPosts} new${p.oldestAt ? `, back to ${p.oldestAt.slice(0, 10)}` : ''}`;
  const clear = (): void => {
    if (open) {
      stream.write('\r\x1b[K');
      open = false;
    }
  };
  return {
    page(p) {
      if (p.pages < 2) return; // a single page is not a backfill
      if (stream.isTTY) {
        const text = line(p);
        const max = (stream.columns ?? 80) - 1;
        stream.write(`\r\x1b[K${text.length > max ? text.slice(0, max) : text}`);
        open = true;
      } else if (p.pages === 2 || p.pages % every === 0) {
        stream.write(`${line(p)}\n`);
      }
    },
    retry(r) {
      clear();
      stream.write(`retry ${r.attempt} in ${(r.delayMs / 1000).toFixed(1)} s: ${r.error.message}\n`);
    },
    channelDone() {
      clear();
    },
    end() {
      clear();
    },
  };
}
