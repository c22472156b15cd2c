/**
 * Serves the demo site (a China Digital Times-like WordPress archive, see site.ts) on node:http, by default
 * on 127.0.0.1 and a free port. Tests and demos start it, crawl it, and delete or censor pages with
 * setOverride to watch the archive notice.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildDemoSite, type DemoArticleInfo, type DemoSiteContent, type SiteResponse } from './site.ts';

export type { DemoArticleInfo } from './site.ts';

/** Where to listen. Port 0 (the default) picks a free port. */
export interface DemoSiteOptions {
  port?: number;
  host?: string;
}

/** A response that replaces what the site would serve at a path. */
export interface OverrideResponse {
  status: number;
  /**
   * Served as UTF-8. When absent, a 404 or 410 gets the site's own 404 page and any other status an
   * empty body.
   */
  body?: string;
  /** Extra or replacing headers; content-type defaults to text/html; charset=UTF-8. */
  headers?: Record<string, string>;
}

/** A running demo site. */
export interface DemoSite {
  /** Origin of the site, such as http://127.0.0.1:41234; the articles live under /chinese/. */
  url: string;
  /** Live articles, newest first. */
  articles: DemoArticleInfo[];
  /** Paths that listings link but that answer 404, such as /chinese/799999.html. */
  deadPaths: string[];
  /**
   * Serves `response` at `path` (exact path, query included if given; percent-encoded or not) instead of
   * the site's page, or restores the page when `response` is null.
   */
  setOverride(path: string, response: OverrideResponse | null): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

function normalisePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function fromOverride(site: DemoSiteContent, override: OverrideResponse): SiteResponse {
  const headers: Record<string, string> = { 'content-type': 'text/html; charset=UTF-8' };
  for (const [name, value] of Object.entries(override.headers ?? {})) headers[name.toLowerCase()] = value;
  if (override.body === undefined && (override.status === 404 || override.status === 410)) {
    return { status: override.status, headers: { ...site.notFound().headers, ...headers }, body: site.notFound().body };
  }
  return { status: override.status, headers, body: Buffer.from(override.body ?? '', 'utf8') };
}

/** Starts the demo site and resolves once it listens. */
export async function startDemoSite(options: DemoSiteOptions = {}): Promise<DemoSite> {
  const host = options.host ?? '127.0.0.1';
  const overrides = new Map<string, OverrideResponse>();
  let site: DemoSiteContent | null = null;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (!site) {
      res.writeHead(503).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', site.origin);
    const override =
      overrides.get(normalisePath(url.pathname + url.search)) ?? overrides.get(normalisePath(url.pathname));
    const response = override ? fromOverride(site, override) : site.respond(url.pathname + url.search);
    res.writeHead(response.status, { ...response.headers, 'content-length': String(response.body.length) });
    res.end(req.method === 'HEAD' ? undefined : response.body);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  const content = buildDemoSite(origin);
  site = content;

  return {
    url: origin,
    articles: content.articles,
    deadPaths: content.deadPaths,
    setOverride(path: string, response: OverrideResponse | null): void {
      const key = normalisePath(path);
      if (response) overrides.set(key, response);
      else overrides.delete(key);
    },
    close(): Promise<void> {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
