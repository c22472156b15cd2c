/**
 * The re-check benchmark's site, run as a child process (forked by recheck-site.ts) so that serving pages
 * takes neither CPU time on memhole's main thread nor room in its RSS. Serves the pages of recheck-pages.ts
 * on 127.0.0.1: in the `archive` phase every page as first published, in the `recheck` phase each by its fate.
 * Talks to its parent over IPC and exits when told to, or when the parent goes away.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_PAGE_SIZE, FIRST_POST_ID, planPages, renderMissingPage, renderPage, renderRemovalNotice, type PageFate, type PageSize } from './recheck-pages.ts';

/** Messages from the parent. */
export type ToSite = { type: 'phase'; phase: 'archive' | 'recheck' } | { type: 'stats' } | { type: 'stop' };
/** Messages to the parent. */
export type FromSite =
  | { type: 'ready'; origin: string }
  | { type: 'phase'; phase: 'archive' | 'recheck' }
  | { type: 'stats'; requests: Record<string, number>; bytes: number; pageBytes: { min: number; max: number; mean: number } };

const [pagesArg, seedArg, minBytesArg, maxBytesArg] = process.argv.slice(2);
const pages = Number(pagesArg);
const seed = Number(seedArg);
// Page sizes are optional: the re-check benchmark keeps its default, the crawl benchmark asks for larger pages.
const size: PageSize =
  minBytesArg !== undefined && maxBytesArg !== undefined ? { minBytes: Number(minBytesArg), maxBytes: Number(maxBytesArg) } : DEFAULT_PAGE_SIZE;
if (!process.send || !Number.isInteger(pages) || pages < 1 || !Number.isInteger(seed) || !Number.isInteger(size.minBytes) || !(size.maxBytes > size.minBytes)) {
  process.stderr.write('recheck-server: run by recheck-site.ts with <pages> <seed> [<min page bytes> <max page bytes>]\n');
  process.exit(2);
}
const send = (message: FromSite): void => {
  process.send?.(message);
};

const plan = planPages(pages, seed);
let phase: 'archive' | 'recheck' = 'archive';
let origin = '';
// Pages are rendered on first request and kept: the archive phase renders each once, the re-check phase and the
// raw loops then serve ready bytes, as a web server serving cached pages would.
const originals: (Buffer | undefined)[] = new Array(pages);
const edited = new Map<number, Buffer>();
let missing: Buffer | null = null;
const notice = renderRemovalNotice();
const requests: Record<string, number> = {};
let bytesSent = 0;

function original(id: number): Buffer {
  const index = id - FIRST_POST_ID;
  let page = originals[index];
  if (!page) {
    page = renderPage(id, seed, origin, 0, size);
    originals[index] = page;
  }
  return page;
}

function respond(path: string): { status: number; body: Buffer; kind: string } {
  const match = /^\/chinese\/(\d+)\.html$/.exec(path);
  const id = match ? Number(match[1]) : NaN;
  const fate: PageFate | undefined = plan.fates.get(id);
  if (fate === undefined) return { status: 404, body: missing!, kind: 'unknown path' };
  if (phase === 'archive') return { status: 200, body: original(id), kind: 'original' };
  if (fate === 'not_found') return { status: 404, body: missing!, kind: fate };
  if (fate === 'soft_deleted') return { status: 200, body: notice, kind: fate };
  if (fate === 'changed') return { status: 200, body: edited.get(id)!, kind: fate };
  return { status: 200, body: original(id), kind: fate };
}

const server = createServer((req, res) => {
  const { status, body, kind } = respond((req.url ?? '/').split('?')[0]!);
  requests[`${phase}:${kind}`] = (requests[`${phase}:${kind}`] ?? 0) + 1;
  bytesSent += body.length;
  // No ETag or Last-Modified: every re-check must fetch the whole body.
  res.writeHead(status, { 'content-type': 'text/html; charset=UTF-8', 'content-length': String(body.length), server: 'nginx' });
  res.end(body);
});
// Longer than undici's 4 s default, so the client, not the server, closes idle connections between stages.
server.keepAliveTimeout = 10_000;

server.listen(0, '127.0.0.1', () => {
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  missing = renderMissingPage(origin);
  send({ type: 'ready', origin });
});

process.on('message', (message: ToSite) => {
  if (message.type === 'phase') {
    phase = message.phase;
    if (phase === 'recheck') {
      for (const [id, fate] of plan.fates) if (fate === 'changed' && !edited.has(id)) edited.set(id, renderPage(id, seed, origin, 1, size));
    }
    send({ type: 'phase', phase });
  } else if (message.type === 'stats') {
    const sizes = originals.filter((page): page is Buffer => page !== undefined).map((page) => page.length);
    const total = sizes.reduce((a, b) => a + b, 0);
    const min = sizes.reduce((a, b) => Math.min(a, b), Infinity);
    const max = sizes.reduce((a, b) => Math.max(a, b), 0);
    send({
      type: 'stats',
      requests,
      bytes: bytesSent,
      pageBytes: sizes.length ? { min, max, mean: total / sizes.length } : { min: 0, max: 0, mean: 0 },
    });
  } else if (message.type === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
// The parent crashed or was killed: do not outlive it.
process.on('disconnect', () => process.exit(0));
