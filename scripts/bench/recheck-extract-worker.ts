/**
 * A worker thread of the re-check benchmark's setup: runs the CDT adapter's extraction and the article and
 * thread rows record.ts makes from it, off the main thread, so seeding 20,000 pages uses every core.
 * recheck-seed.ts starts these workers and writes what they return through the Store API.
 */
import { parentPort } from 'node:worker_threads';
import { cdtAdapter } from '../../crawlers/cdt/index.ts';
import { articleInput, threadInput } from '../../src/archive/record.ts';
import type { ExtractReply, ExtractTask } from './recheck-seed.ts';

parentPort?.on('message', (task: ExtractTask) => {
  let reply: ExtractReply;
  try {
    const extracted = cdtAdapter.extract({ url: task.url, finalUrl: task.finalUrl, contentType: task.contentType, text: task.text });
    reply = {
      key: task.key,
      extracted,
      article: extracted ? articleInput(cdtAdapter, extracted) : null,
      thread: extracted?.comments ? threadInput(extracted.comments) : null,
      error: null,
    };
  } catch (error) {
    reply = { key: task.key, extracted: null, article: null, thread: null, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
