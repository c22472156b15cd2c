/**
 * A progress line on stderr: rewritten in place on a terminal, a line every few updates elsewhere so logs
 * stay short.
 */
import type { CliWriter } from './io.ts';

const LOG_EVERY = 25;

export function createProgressLine(out: CliWriter): { update(text: string): void; done(): void } {
  let updates = 0;
  let shown = false;
  return {
    update(text: string) {
      updates++;
      if (out.isTTY) {
        const width = 100;
        out.write(`\r\x1b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
        shown = true;
      } else if (updates % LOG_EVERY === 0) {
        out.write(`${text}\n`);
      }
    },
    done() {
      if (shown) out.write('\r\x1b[K');
    },
  };
}
