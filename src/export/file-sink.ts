/**
 * Where exports stream their output: a file written under a `.partial` name and renamed only once complete, so
 * an interrupted export never leaves a file that looks whole. Writes wait while the disk lags behind.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Sink {
  write(chunk: string | Uint8Array): Promise<void>;
  /** Finish the output: the file takes its name. */
  close(): Promise<void>;
  /** Give up: the partial file is removed. */
  abort(): Promise<void>;
}

export function openFileSink(path: string): Sink {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const out: WriteStream = createWriteStream(partial);
  let failure: Error | null = null;
  out.on('error', (error) => (failure = error));
  const finish = async (): Promise<void> => {
    if (!out.closed) {
      out.end();
      await once(out, 'close');
    }
  };
  return {
    async write(chunk) {
      if (failure) throw failure;
      if (!out.write(chunk)) await once(out, 'drain');
    },
    async close() {
      await finish();
      if (failure) throw failure;
      await rename(partial, path);
    },
    async abort() {
      await finish().catch(() => undefined);
      await rm(partial, { force: true });
    },
  };
}

/** Run `work` on a sink of `path`, renaming the file into place on success and removing it on failure. */
export async function withFileSink<T>(path: string, work: (sink: Sink) => Promise<T>): Promise<T> {
  const sink = openFileSink(path);
  try {
    const result = await work(sink);
    await sink.close();
    return result;
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
