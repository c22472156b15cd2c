/**
 * `memhole export jsonl|csv` on an archive crawled through the CLI: every article version, check and event comes
 * back with the documented columns and the stored values; CSV parses under a strict RFC 4180 reader to the same
 * cells; --source and --body narrow it; rows stream page by page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveRows } from '../../src/export/archive-tables.ts';
import { csvField, csvRecord } from '../../src/export/csv.ts';
import { openSqliteStore, type Store } from '../../storage/index.ts';
import { buildCrawledArchive, type CrawledArchive } from '../helpers/crawled-archive.ts';

/** The documented columns: a change here is a change of the export's contract. */
const COLUMNS = {
  articles: [
    'page_key', 'url', 'source', 'page_state', 'version', 'article_id', 'capture_id', 'capture_how', 'capture_url', 'captured_at',
    'title', 'headline', 'author', 'published_at', 'published_text', 'column', 'origin_name', 'origin_url', 'card_title',
    'card_author', 'card_published', 'topics', 'collection', 'copyright', 'tags', 'categories', 'extractor_version', 'text_hash',
    'markdown_path', 'body',
  ],
  checks: [
    'check_id', 'page_key', 'url', 'source', 'checked_at', 'outcome', 'status', 'final_url', 'notice', 'notice_platform',
    'removed_by', 'failure_kind', 'state_before', 'state_after', 'capture_id', 'article_id',
  ],
  events: [
    'event_id', 'page_key', 'url', 'source', 'at', 'kind', 'from_state', 'to_state', 'removal_kind', 'removed_by', 'notice',
    'check_ids', 'from_article_id', 'to_article_id',
  ],
} as const;
type Table = keyof typeof COLUMNS;
type Row = Record<string, unknown>;

let archive: CrawledArchive;
let counts: Record<Table, number>;
let jsonl: Record<Table, Row[]>;

const readJsonl = (file: string): Row[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row);

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openSqliteStore({ dataDir: archive.dataDir });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  archive = await buildCrawledArchive();
  const stored = await withStore((store) => store.counts());
  counts = { articles: stored.articles, checks: stored.checks, events: stored.events };
  const run = await archive.run(['export', 'jsonl', 'out/jsonl', '--json']);
  expect(run.code).toBe(0);
  const dir = join(archive.dir, 'out', 'jsonl');
  jsonl = { articles: readJsonl(join(dir, 'articles.jsonl')), checks: readJsonl(join(dir, 'checks.jsonl')), events: readJsonl(join(dir, 'events.jsonl')) };
}, 120_000);

afterAll(async () => {
  await archive?.close();
});

describe('memhole export jsonl', () => {
  it('writes every article version, check and event with the documented columns in order', () => {
    expect(counts.articles).toBeGreaterThan(10);
    expect(counts.checks).toBeGreaterThan(10);
    expect(counts.events).toBeGreaterThan(0);
    for (const table of ['articles', 'checks', 'events'] as const) {
      expect(jsonl[table]).toHaveLength(counts[table]);
      for (const row of jsonl[table]) expect(Object.keys(row)).toEqual(COLUMNS[table]);
    }
  });

  it('carries the stored values: versions, capture times, bodies, check outcomes and the checks behind events', async () => {
    await withStore(async (store) => {
      for (const page of await store.listPages()) {
        const rows = jsonl.articles.filter((row) => row.page_key === page.canonicalKey);
        const versions = await store.listArticles(page.id);
        expect(rows.map((row) => row.article_id)).toEqual(versions.map((v) => v.id));
        for (const [index, version] of versions.entries()) {
          const capture = (await store.getCapture(version.captureId))!;
          expect(rows[index]).toMatchObject({
            url: page.url,
            source: page.sourceId,
            page_state: page.state,
            version: index + 1,
            capture_how: capture.how,
            captured_at: new Date(capture.capturedAt).toISOString(),
            title: version.title,
            author: version.author,
            published_at: version.publishedAt,
            tags: version.tags,
            topics: version.topics.map((t) => t.name),
            text_hash: version.textHash,
            body: version.markdown,
          });
        }
        const checks = jsonl.checks.filter((row) => row.page_key === page.canonicalKey);
        expect(checks.map((row) => [row.check_id, row.outcome, row.status])).toEqual((await store.listChecks(page.id)).map((c) => [c.id, c.outcome, c.status]));
        const events = jsonl.events.filter((row) => row.page_key === page.canonicalKey);
        expect(events.map((row) => [row.kind, row.check_ids])).toEqual((await store.listEvents({ pageId: page.id })).map((e) => [e.kind, e.checkIds]));
      }
    });
    const removal = jsonl.events.find((row) => row.page_key === archive.deletedKey && row.kind === 'removed');
    expect(removal).toMatchObject({ from_state: 'suspect', to_state: 'removed', removal_kind: 'not_found' });
    // Paths are those `memhole export markdown` writes.
    const markdown = await archive.run(['export', 'markdown', 'out/markdown', '--json']);
    const files = (JSON.parse(markdown.stdout) as { files: string[] }).files.map((f) => f.slice(join(archive.dir, 'out', 'markdown').length + 1));
    expect(new Set(jsonl.articles.map((row) => row.markdown_path))).toEqual(new Set(files));
  });

  it('writes one file with a type per line, or stdout with the summary on stderr', async () => {
    const single = await archive.run(['export', 'jsonl', 'out/all.jsonl']);
    expect(single.code).toBe(0);
    const rows = readJsonl(join(archive.dir, 'out', 'all.jsonl'));
    const types = (type: string): Row[] => rows.filter((row) => row.type === type);
    expect([types('article').length, types('check').length, types('event').length]).toEqual([counts.articles, counts.checks, counts.events]);
    expect(rows).toHaveLength(counts.articles + counts.checks + counts.events);
    expect(Object.keys(types('check')[0]!)).toEqual(['type', ...COLUMNS.checks]);

    const piped = await archive.run(['export', 'jsonl', '-', '--body', 'none']);
    expect(piped.code).toBe(0);
    const lines = piped.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row);
    expect(lines).toHaveLength(rows.length);
    expect(lines.filter((row) => row.type === 'article').every((row) => row.body === null)).toBe(true);
    expect(piped.stderr).toContain(`exported ${counts.articles} article versions`);
  });

  it('narrows to a source and carries plain text with --body text', async () => {
    const run = await archive.run(['export', 'jsonl', 'out/cdt', '--source', 'cdt', '--body', 'text']);
    expect(run.code).toBe(0);
    const articles = readJsonl(join(archive.dir, 'out', 'cdt', 'articles.jsonl'));
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.length).toBeLessThan(counts.articles);
    expect(articles.every((row) => row.source === 'cdt')).toBe(true);
    await withStore(async (store) => {
      for (const row of articles) expect(row.body).toBe((await store.listArticles()).find((a) => a.id === row.article_id)!.text);
    });
    const bad = await archive.run(['export', 'jsonl', 'out/x', '--body', 'html']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--body html: use one of markdown, text, none');
  });

  it('reads the archive page by page rather than all at once', async () => {
    await withStore(async (store) => {
      const pagesRead: number[] = [];
      const watched = new Proxy(store, {
        get(target, name, receiver) {
          if (name === 'listArticles') return (pageId: number) => (pagesRead.push(pageId), target.listArticles(pageId));
          const value = Reflect.get(target, name, receiver) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const rows = archiveRows(watched, { body: 'none' });
      const first = await rows.next();
      expect(first.done).toBe(false);
      // Only the pages up to the first row's own have been read.
      const page = await store.getPageByKey(String(first.value!.row.page_key));
      expect(pagesRead.at(-1)).toBe(page!.id);
      expect(pagesRead.length).toBeLessThan((await store.listPages()).length / 2);
      await rows.return(undefined);
    });
  });
});

describe('memhole export csv', () => {
  it('writes RFC 4180 files with a header row whose cells are the JSONL values', async () => {
    const run = await archive.run(['export', 'csv', 'out/csv']);
    expect(run.code).toBe(0);
    for (const table of ['articles', 'checks', 'events'] as const) {
      const text = readFileSync(join(archive.dir, 'out', 'csv', `${table}.csv`), 'utf8');
      const [header, ...records] = parseCsv(text);
      expect(header).toEqual(COLUMNS[table]);
      expect(records).toHaveLength(counts[table]);
      for (const [index, record] of records.entries()) {
        const row = jsonl[table][index]!;
        expect(record).toEqual(COLUMNS[table].map((column) => cellText(row[column])));
      }
    }
    // Bodies span lines and quote marks: they come back whole from inside quotes.
    const articles = parseCsv(readFileSync(join(archive.dir, 'out', 'csv', 'articles.csv'), 'utf8'));
    expect(articles.some((record) => record.at(-1)!.includes('\n'))).toBe(true);
  });

  it('starts each file with a byte-order mark when asked', async () => {
    const run = await archive.run(['export', 'csv', 'out/csv-bom', '--bom']);
    expect(run.code).toBe(0);
    expect([...readFileSync(join(archive.dir, 'out', 'csv-bom', 'events.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes exactly the fields that need it', () => {
    expect(csvField('plain 中文')).toBe('plain 中文');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(['删除权', '个人信息保护法'])).toBe('删除权; 个人信息保护法');
    expect(csvField(404)).toBe('404');
    expect(parseCsv(csvRecord(['x', 'a,"b"\r\nc', null, 7]))).toEqual([['x', 'a,"b"\r\nc', '', '7']]);
  });
});

/** How a JSONL value reads as a CSV cell: empty for null, lists joined with "; ". */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}

/** A strict RFC 4180 reader: CRLF between records, quotes only around whole fields, anything else is an error. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else (quoted = false), (wasQuoted = true);
    } else if (c === '"' && field === '' && !wasQuoted) {
      quoted = true;
    } else if (c === ',') {
      record.push(field), (field = ''), (wasQuoted = false);
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field), records.push(record), (record = []), (field = ''), (wasQuoted = false), i++;
    } else if (c === '\r' || c === '\n' || c === '"' || wasQuoted) {
      throw new Error(`not RFC 4180: ${JSON.stringify(c)} at ${i}`);
    } else {
      field += c;
    }
  }
  if (quoted || field !== '' || record.length) throw new Error('not RFC 4180: the last record is not ended by CRLF');
  return records;
}
