/**
 * A worker thread of the extractor (extractor.ts): analyses pages for adapters of the registry, by id, and
 * answers each task with its analysis or the error it raised.
 */
import { parentPort } from 'node:worker_threads';
import { adapterById } from '../../crawlers/index.ts';
import { analyzePage } from './page-analysis.ts';
import type { AnalysisReply, AnalysisTask } from './extractor.ts';

parentPort?.on('message', (task: AnalysisTask) => {
  let reply: AnalysisReply;
  try {
    const adapter = task.adapterId === null ? null : adapterById(task.adapterId);
    if (adapter === undefined) throw new Error(`no adapter "${task.adapterId}" in the registry`);
    reply = { id: task.id, analysis: analyzePage(adapter, task.page, task.options), error: null };
  } catch (error) {
    reply = { id: task.id, analysis: null, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
