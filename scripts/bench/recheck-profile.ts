/**
 * Where the re-check benchmark's main thread spends its time: V8's sampling CPU profiler (through the
 * in-process inspector) runs during the measured run, and every sample is put in one category by the frames
 * on its stack (GC, page evidence, extraction, store, fetcher...). Sampling every millisecond costs too little
 * to move the measured rate beyond its run-to-run noise.
 */
import { Session } from 'node:inspector/promises';

/** One millisecond between samples. */
const SAMPLING_INTERVAL_US = 1_000;

export interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
/** The part of a V8 CPU profile read here. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Starts the sampling profiler; `stop()` returns the profile and disconnects from the inspector. */
export async function startCpuProfile(): Promise<{ stop(): Promise<CpuProfile> }> {
  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await inspector.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await inspector.post('Profiler.stop');
      await inspector.post('Profiler.disable');
      inspector.disconnect();
      return profile as CpuProfile;
    },
  };
}

/** A category and how to recognise one of its frames. */
export interface Category {
  name: string;
  matches: (frame: CallFrame) => boolean;
}

export const inFile = (frame: CallFrame, path: string): boolean => frame.url.includes(path);

/**
 * The categories, most specific first: a sample belongs to the first whose frame is anywhere on its stack, so
 * a SQLite call made by recordCheck counts as a store write, and a hash taken by classify as classify.
 */
export const CATEGORIES: readonly Category[] = [
  { name: 'GC', matches: (f) => f.functionName === '(garbage collector)' },
  { name: 'idle', matches: (f) => f.functionName === '(idle)' },
  { name: 'classify: pageEvidence (cheerio parse)', matches: (f) => f.functionName === 'pageEvidence' && inFile(f, '/src/recheck/page-evidence.ts') },
  { name: 'classify: CDT extraction', matches: (f) => inFile(f, '/crawlers/') },
  { name: 'articleInput / threadInput (markdown)', matches: (f) => (f.functionName === 'articleInput' || f.functionName === 'threadInput') && inFile(f, '/src/archive/') },
  { name: 'store: recordCheck (hash, compress, queue)', matches: (f) => f.functionName === 'recordCheck' && inFile(f, '/storage/sqlite-store.ts') },
  { name: 'store: group commits of the writes', matches: (f) => f.functionName === '#commitPendingWrites' && inFile(f, '/storage/sqlite-store.ts') },
  { name: 'store: reads', matches: (f) => inFile(f, '/storage/sqlite-store.ts') },
  { name: 'classify: the rest (hash, notices, similarity)', matches: (f) => inFile(f, '/src/recheck/classify.ts') || inFile(f, '/src/recheck/notices.ts') || inFile(f, '/src/recheck/similarity.ts') },
  { name: 'fetcher (capture fetcher, charset, undici)', matches: (f) => inFile(f, '/src/fetch/capture-fetcher.ts') || inFile(f, '/src/fetch/charset.ts') || inFile(f, '/node_modules/undici/') },
  { name: 'runner (checkPage, transition, queues)', matches: (f) => inFile(f, '/src/recheck/') || inFile(f, '/src/fetch/host-limiter.ts') || inFile(f, '/node_modules/p-queue/') || inFile(f, '/node_modules/eventemitter3/') },
  { name: 'node internals (sockets, streams, timers)', matches: (f) => f.url.startsWith('node:') },
  { name: 'V8 and native, unattributed', matches: (f) => f.functionName === '(program)' },
];
const OTHER = 'other';

/** Milliseconds of samples per category, in the order of `categories` (the re-check's by default), then `other`. */
export function breakdown(profile: CpuProfile, categories: readonly Category[] = CATEGORIES): { name: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  // Each profile node is one stack; classify it once.
  const categoryOf = new Map<number, string>();
  const classifyNode = (id: number): string => {
    let found = categoryOf.get(id);
    if (found !== undefined) return found;
    const frames: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) frames.push(byId.get(at)!.callFrame);
    found = categories.find((category) => frames.some((frame) => category.matches(frame)))?.name ?? OTHER;
    categoryOf.set(id, found);
    return found;
  };
  const totals = new Map<string, number>([...categories.map((c): [string, number] => [c.name, 0]), [OTHER, 0]]);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const name = classifyNode(samples[i]!);
    // A sample's delta is the time since the previous one: the time it stands for.
    totals.set(name, totals.get(name)! + (deltas[i] ?? 0) / 1000);
  }
  return [...totals].map(([name, ms]) => ({ name, ms }));
}
