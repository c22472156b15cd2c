/**
 * `memhole serve`: the archive in a browser, read-only, on 127.0.0.1 unless told otherwise. App pages are plain
 * server-rendered HTML under a policy that allows no script at all; archived bytes are served apart, under
 * /archived/<capture id>, sandboxed (archived.ts). Routes take row ids, never file paths.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '../../storage/types.ts';
import { APP_CSS } from './app-style.ts';
import { ARCHIVED_CSP, archivedBody } from './archived.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';
import { allowedHost, refusedPath } from './request-path.ts';
import { CliError } from '../cli/io.ts';
import { findPage } from '../cli/page-target.ts';
import { removalFeedAtom } from '../report/atom-feed.ts';
import { REPORT_MEDIA_TYPES, renderReport, type ReportFormat } from '../report/report-formats.ts';
import { REPORT_CSS } from '../report/report-html.ts';
import { QueryError } from '../search/query.ts';
import { diffView } from './views/diff.ts';
import { homeView } from './views/home.ts';
import { FEED_ENTRIES, PAGE_ENTRIES, reportFor, reportQuery, reportView, type ReportQuery } from './views/report.ts';
import { searchPage } from './views/search.ts';
import type { RemovalReport, ReportKind } from '../report/removal-report.ts';
import { snapshotView } from './views/snapshot.ts';
import { timelineView } from './views/timeline.ts';

/** App pages: no script, styles and images from the app only, frames only of the app's own archived bytes. */
// Inline style attributes are allowed (the report's chart colours them); with no script and nothing loaded from
// elsewhere, a style can neither run nor call out.
const APP_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

export interface ServeOptions {
  store: Store;
  host: string;
  /** 0 picks a free port. */
  port: number;
  clock?: () => number;
  /** Where unexpected failures are reported (the page itself shows none of their detail). */
  log?: (message: string) => void;
}

export interface ArchiveServer {
  url: string;
  close(): Promise<void>;
}

/** A route's answer: an app page, archived bytes, or an error page. */
type Answer =
  | { kind: 'page'; title: string; body: ReturnType<typeof html>; query?: string }
  | { kind: 'bytes'; contentType: string; body: Uint8Array | string; csp: string; cache: string }
  | { kind: 'error'; status: number; message: string }
  | { kind: 'redirect'; location: string };

export async function startArchiveServer(options: ServeOptions): Promise<ArchiveServer> {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? (() => {});
  let port = options.port;
  const server = createServer((request, response) => {
    void respond(request, response).catch((error: unknown) => {
      log(`memhole serve: ${request.method} ${request.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) send(response, request, { kind: 'error', status: 500, message: 'The archive could not answer this request; the server log says why.' });
      else response.destroy();
    });
  });

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(response, request, { kind: 'error', status: 405, message: 'The archive is read-only: only GET and HEAD are answered.' });
    }
    if (!allowedHost(request.headers.host, options.host, port)) {
      return send(response, request, { kind: 'error', status: 421, message: `This server answers as ${options.host}:${port} only.` });
    }
    const rawPath = (request.url ?? '/').split('?')[0]!;
    const refused = refusedPath(rawPath);
    if (refused) return send(response, request, { kind: 'error', status: 400, message: `Refused: ${refused}.` });
    const url = new URL(request.url ?? '/', 'http://memhole.invalid');
    send(response, request, await route(url));
  }

  async function route(url: URL): Promise<Answer> {
    const path = url.pathname;
    if (path === '/') return { kind: 'page', title: 'Archive', body: await homeView(options.store, clock()) };
    if (path === '/static/app.css') return stylesheet(APP_CSS);
    if (path === '/static/report.css') return stylesheet(REPORT_CSS);
    const reportPath = /^\/report(?:\.(md|html|json|csv))?$/.exec(path);
    if (reportPath) return report((reportPath[1] as ReportFormat | undefined) ?? null, url.searchParams);
    if (path === '/feed.atom') return feed(url.searchParams);
    if (path === '/search') {
      try {
        const found = await searchPage(options.store, url.searchParams, clock());
        return { kind: 'page', title: found.query ? `${found.query} · search` : 'Search', body: found.body, query: found.query };
      } catch (error) {
        if (error instanceof QueryError || error instanceof CliError) return { kind: 'error', status: 400, message: `Cannot search: ${asParameters(error.message)}` };
        throw error;
      }
    }
    if (path === '/diff') {
      const page = await options.store.getPage(Number(url.searchParams.get('page')));
      if (!page) return notFound(`No page #${url.searchParams.get('page') ?? ''} in this archive.`);
      const view = await diffView(options.store, page, url.searchParams.get('from'), url.searchParams.get('to'));
      return view.ok ? { kind: 'page', title: view.title, body: view.body } : { kind: 'error', status: view.status, message: view.message };
    }
    if (path === '/lookup') return lookup(url.searchParams.get('u') ?? '');
    let match = /^\/pages\/(\d+)$/.exec(path);
    if (match) {
      const page = await options.store.getPage(Number(match[1]));
      if (!page) return notFound(`No page #${match[1]} in this archive.`);
      return { kind: 'page', ...(await timelineView(options.store, page)) };
    }
    match = /^\/pages\/(\d+)\/versions\/(\d+)$/.exec(path);
    if (match) {
      const page = await options.store.getPage(Number(match[1]));
      const view = page ? await snapshotView(options.store, page, Number(match[2])) : null;
      if (!view) return notFound(`No version ${match[2]} of page #${match[1]} in this archive.`);
      return { kind: 'page', ...view };
    }
    match = /^\/archived\/(\d+)$/.exec(path);
    if (match) {
      const archived = await archivedBody(options.store, Number(match[1]));
      if (!archived.ok) return { kind: 'error', status: archived.status, message: archived.message };
      // Archived bytes never change: a capture id always names the same body.
      return { kind: 'bytes', contentType: archived.contentType, body: archived.body, csp: ARCHIVED_CSP, cache: 'private, max-age=86400, immutable' };
    }
    return notFound(`Nothing at ${path}.`);
  }

  /** The report of a window, or the answer to a window that does not parse. */
  async function windowReport(query: ReportQuery, kinds?: readonly ReportKind[], maxEntries?: number): Promise<RemovalReport | Answer> {
    try {
      return await reportFor(options.store, query, clock(), kinds, maxEntries);
    } catch (error) {
      if (error instanceof CliError) return { kind: 'error', status: 400, message: asParameters(error.message) };
      throw error;
    }
  }

  /** The report page (`format` null, its newest entries), or the whole report as a download. */
  async function report(format: ReportFormat | null, params: URLSearchParams): Promise<Answer> {
    const query = reportQuery(params);
    const built = await windowReport(query, undefined, format === null ? PAGE_ENTRIES : undefined);
    if ('kind' in built) return built;
    if (format === null) return { kind: 'page', title: 'Removals', body: reportView(built, query) };
    return { kind: 'bytes', contentType: REPORT_MEDIA_TYPES[format], body: renderReport(built, format), csp: "default-src 'none'; style-src 'unsafe-inline'", cache: 'no-store' };
  }

  async function feed(params: URLSearchParams): Promise<Answer> {
    const built = await windowReport(reportQuery(params, '30d'), ['removed'], FEED_ENTRIES);
    if ('kind' in built) return built;
    return { kind: 'bytes', contentType: 'application/atom+xml; charset=utf-8', body: removalFeedAtom(built), csp: "default-src 'none'", cache: 'no-store' };
  }

  /** A URL or canonical key typed by a researcher, taken to its page as `memhole show` finds it. */
  async function lookup(target: string): Promise<Answer> {
    const page = await findPage(options.store, target.trim());
    return page ? { kind: 'redirect', location: `/pages/${page.id}` } : notFound(`Nothing archived for “${target}”.`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A message of the CLI's parsers, its `--flag` names read as the query parameters of the same names. */
function asParameters(message: string): string {
  return message.replace(/--([a-z-]+)/g, '$1');
}

const notFound = (message: string): Answer => ({ kind: 'error', status: 404, message });

const stylesheet = (css: string): Answer => ({ kind: 'bytes', contentType: 'text/css; charset=utf-8', body: css, csp: "default-src 'none'", cache: 'max-age=3600' });

function send(response: ServerResponse, request: IncomingMessage, answer: Answer): void {
  for (const [name, value] of Object.entries(COMMON_HEADERS)) response.setHeader(name, value);
  if (answer.kind === 'redirect') {
    response.writeHead(303, { location: answer.location, 'content-security-policy': APP_CSP });
    response.end();
    return;
  }
  if (answer.kind === 'bytes') {
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
    response.writeHead(200, { 'content-type': answer.contentType, 'content-length': body.byteLength, 'content-security-policy': answer.csp, 'cache-control': answer.cache });
    response.end(request.method === 'HEAD' ? undefined : body);
    return;
  }
  const status = answer.kind === 'error' ? answer.status : 200;
  const page =
    answer.kind === 'error'
      ? layout({ title: `${status}`, body: html`<h1>${status}</h1><p class="error">${answer.message}</p>` })
      : layout({ title: answer.title, body: answer.body, query: answer.query });
  const body = Buffer.from(page);
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.byteLength, 'content-security-policy': APP_CSP, 'cache-control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : body);
}
