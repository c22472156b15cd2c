/**
 * Reads the article extraction benchmark's files for `npm run bench:extract`: the ground truth, the HTML pages
 * (gzip, decoded by their declared charset), the published prediction files and the published F1 table, all
 * from ../shared/corpora so nothing of the corpus lives in this repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

/** ../shared/corpora beside the repository, or MEMHOLE_CORPORA when set. */
export function corporaDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return process.env.MEMHOLE_CORPORA ?? resolve(here, '../../../shared/corpora');
}

export const BENCH_DIR_NAME = 'article-extraction-benchmark';

export interface BenchPage {
  id: string;
  url: string;
  truth: string;
  html: string;
}

function readJson(path: string): unknown {
  const raw = readFileSync(path);
  return JSON.parse((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

/** The charset a page declares in a meta tag; upstream says utf-8 for all, but a declaration wins if present. */
function declaredCharset(head: string): string | null {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m?.[1]?.toLowerCase() ?? null;
}

export function decodeHtml(bytes: Buffer): string {
  const charset = declaredCharset(bytes.subarray(0, 4096).toString('latin1'));
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset)) {
    return iconv.decode(bytes, charset);
  }
  return bytes.toString('utf8');
}

/** Predictions keyed by id; upstream files are either the bare map or wrapped as {version, output}. */
function bodies(json: unknown): Map<string, string> {
  let map = json as Record<string, unknown>;
  if (map && typeof map === 'object' && 'output' in map && typeof map.output === 'object') {
    map = map.output as Record<string, unknown>;
  }
  const out = new Map<string, string>();
  for (const [id, item] of Object.entries(map ?? {})) {
    const body = (item as { articleBody?: unknown } | null)?.articleBody;
    out.set(id, typeof body === 'string' ? body : '');
  }
  return out;
}

export function loadGroundTruth(dir: string): { truth: Map<string, string>; urls: Map<string, string>; ids: string[] } {
  const json = readJson(join(dir, 'ground-truth.json')) as Record<string, { articleBody?: string; url?: string }>;
  const truth = new Map<string, string>();
  const urls = new Map<string, string>();
  for (const [id, item] of Object.entries(json)) {
    truth.set(id, item.articleBody ?? '');
    urls.set(id, item.url ?? `https://example.invalid/${id}`);
  }
  // Sorted ids fix which pages are "even" (the tuning half) and "odd" (held out).
  return { truth, urls, ids: [...truth.keys()].sort() };
}

export function loadPages(dir: string): BenchPage[] {
  const { truth, urls, ids } = loadGroundTruth(dir);
  return ids.map((id) => ({
    id,
    url: urls.get(id)!,
    truth: truth.get(id)!,
    html: decodeHtml(gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`)))),
  }));
}

export function loadOutputs(dir: string): { tool: string; predicted: Map<string, string> }[] {
  return readdirSync(join(dir, 'output'))
    .filter((f) => f.endsWith('.json') || f.endsWith('.json.gz'))
    .sort()
    .map((f) => ({ tool: f.replace(/\.json(\.gz)?$/, ''), predicted: bodies(readJson(join(dir, 'output', f))) }));
}

// File names that differ from the names in the published tables.
const TABLE_NAME: Record<string, string> = { newspaper: 'newspaper4k' };

/**
 * Published F1 per tool from the upstream README's result tables; the first table a tool appears in is the
 * newest, so later (older) rows do not override it.
 */
export function publishedF1(dir: string): Map<string, number> {
  const readme = join(dir, 'README.upstream.rst');
  const out = new Map<string, number>();
  if (!existsSync(readme)) return out;
  for (const line of readFileSync(readme, 'utf8').split('\n')) {
    const m = /^\s+(\S+)\s+.*?\s([01]\.\d{3}) ± /.exec(line);
    if (m && !out.has(m[1]!)) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

export function publishedFor(table: ReadonlyMap<string, number>, tool: string): number | undefined {
  return table.get(TABLE_NAME[tool] ?? tool) ?? table.get(tool);
}
