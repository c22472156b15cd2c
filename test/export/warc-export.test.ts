/**
 * `memhole export warc` on an archive crawled through the CLI, read back with warcio's WARCParser: every capture
 * is there as the record its kind calls for, with the stored bytes (payload sha-256 = the blob's key), the status,
 * the headers as received in their order (chunked framing removed, Content-Length the stored size), its request,
 * its redirect hops and a metadata record naming its page; each record is its own gzip member.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openSqliteStore, type CaptureRow, type PageRow } from '../../storage/index.ts';
import { buildCrawledArchive, QUIRKY_HEADERS, QUIRKY_PAGE, type CrawledArchive } from '../helpers/crawled-archive.ts';
import { readWarc, warcFields, type ReadRecord } from './read-warc.ts';

let archive: CrawledArchive;
let records: ReadRecord[];
let captures: { page: PageRow; capture: CaptureRow }[];
/** Each capture's metadata record, by capture id. */
const metadataOf = new Map<number, ReadRecord>();
const byId = new Map<string, ReadRecord>();

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const iso = (ms: number): string => new Date(ms).toISOString();
const field = (record: ReadRecord, name: string): string[] => warcFields(record.payload).filter(([n]) => n === name).map(([, v]) => v);

beforeAll(async () => {
  archive = await buildCrawledArchive({ render: true });
  const run = await archive.run(['export', 'warc', 'out/archive.warc.gz', '--json']);
  expect(run.stderr).not.toMatch(/^memhole:/m);
  expect(run.code).toBe(0);
  records = await readWarc(join(archive.dir, 'out', 'archive.warc.gz'));
  for (const record of records) byId.set(record.id, record);
  for (const record of records.filter((r) => r.type === 'metadata')) metadataOf.set(Number(field(record, 'memhole-capture')[0]), record);

  const store = await openSqliteStore({ dataDir: archive.dataDir });
  captures = [];
  for (const page of await store.listPages()) for (const capture of await store.listCaptures(page.id)) captures.push({ page, capture });
  await store.close();
}, 120_000);

afterAll(async () => {
  await archive?.close();
});

/** The record a capture's metadata record is concurrent to (its response or resource). */
function mainRecord(capture: CaptureRow): ReadRecord {
  const metadata = metadataOf.get(capture.id);
  expect(metadata, `metadata record of capture ${capture.id}`).toBeDefined();
  const main = byId.get(metadata!.warc.get('WARC-Concurrent-To') ?? '');
  expect(main, `record of capture ${capture.id}`).toBeDefined();
  return main!;
}

describe('memhole export warc', () => {
  it('writes a warcinfo record first and each record as its own gzip member', () => {
    expect(records[0]!.type).toBe('warcinfo');
    expect(warcFields(records[0]!.payload)).toContainEqual(['software', 'memhole 0.1.0']);
    const file = readFileSync(join(archive.dir, 'out', 'archive.warc.gz'));
    let end = 0;
    for (const record of records) {
      expect(record.offset).toBe(end);
      // What a replay tool does with an index entry: inflate exactly this member, alone.
      const member = gunzipSync(file.subarray(record.offset, record.offset + record.length));
      expect(member.subarray(0, 9).toString()).toBe('WARC/1.1\r');
      end = record.offset + record.length;
    }
    expect(end).toBe(file.length);
  });

  it('has a metadata record for every capture, naming its page and how it was made', () => {
    expect(captures.length).toBeGreaterThan(50);
    for (const { page, capture } of captures) {
      const metadata = metadataOf.get(capture.id);
      expect(metadata, `capture ${capture.id}`).toBeDefined();
      expect(field(metadata!, 'memhole-page')).toEqual([page.canonicalKey]);
      expect(field(metadata!, 'memhole-how')).toEqual([capture.how]);
      expect(metadata!.date).toBe(iso(capture.capturedAt));
    }
  });

  it('writes every HTTP capture as a response with the stored bytes, status, date, address and headers in order', () => {
    const responses = captures.filter(({ capture }) => (capture.how === 'http' || capture.how === 'asset') && capture.status !== null);
    expect(responses.length).toBeGreaterThan(30);
    for (const { capture } of responses) {
      const record = mainRecord(capture);
      expect(record.type).toBe('response');
      expect(record.uri).toBe(capture.finalUrl);
      expect(record.date).toBe(iso(capture.capturedAt));
      expect(record.status).toBe(capture.status);
      expect(record.warc.get('WARC-IP-Address')).toBe(capture.remoteAddress);
      expect(sha256(record.payload)).toBe(capture.bodyHash ?? sha256(new Uint8Array(0)));
      if (capture.bodyHash) expect(record.warc.get('WARC-Payload-Digest')).toBe(`sha256:${capture.bodyHash}`);
      const contentType = capture.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
      expect(record.httpHeaders.find(([name]) => name.toLowerCase() === 'content-type')?.[1]).toBe(contentType);
      // Header names in the order received, as they lie in the record (framing aside).
      const names = rawHeaderLines(record).map((line) => line.slice(0, line.indexOf(':')));
      const received = capture.headers.map(([name]) => name).filter((name) => name.toLowerCase() !== 'transfer-encoding');
      expect(names.filter((name) => name.toLowerCase() !== 'content-length')).toEqual(received.filter((name) => name.toLowerCase() !== 'content-length'));
      expect(record.httpHeaders.filter(([name]) => name.toLowerCase() === 'content-length').map(([, value]) => value)).toEqual([String(record.payload.length)]);
    }
  });

  it('writes the request of each HTTP capture, concurrent to its response', () => {
    for (const { capture } of captures.filter(({ capture }) => capture.how === 'http' && capture.status !== null)) {
      const response = mainRecord(capture);
      const request = records.find((r) => r.type === 'request' && r.warc.get('WARC-Concurrent-To') === response.id);
      expect(request, `request of capture ${capture.id}`).toBeDefined();
      const url = new URL(capture.finalUrl);
      expect(request!.rawHead!.toString('latin1').split('\r\n')[0]).toBe(`GET ${url.pathname}${url.search} HTTP/1.1`);
      expect(rawHeaderLines(request!)).toEqual(capture.requestHeaders.map(([name, value]) => `${name}: ${value}`));
    }
  });

  it('keeps a chunked, gzipped answer byte for byte: encoding kept, framing dropped, repeats and UTF-8 in place', () => {
    const quirky = captures.filter(({ capture }) => capture.finalUrl === archive.quirkyUrl && capture.status === 200);
    expect(quirky.length).toBeGreaterThan(0);
    for (const { capture } of quirky) {
      const record = mainRecord(capture);
      expect(record.payload.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(gunzipSync(record.payload).toString('utf8')).toBe(QUIRKY_PAGE);
      // warcio undoes the Content-Encoding it is told about, as replay does.
      expect(record.decoded.toString('utf8')).toBe(QUIRKY_PAGE);
      // Header values were sent as bytes; the record is read as UTF-8, which those bytes are.
      const sent = QUIRKY_HEADERS.filter(([name]) => name !== 'Transfer-Encoding').map(([name, value]) => `${name}: ${Buffer.from(value, 'latin1').toString('utf8')}`);
      const lines = rawHeaderLines(record);
      // The Content-Length that replaces chunked framing stands where Transfer-Encoding stood.
      expect(lines.slice(0, sent.length + 1)).toEqual([...sent, `Content-Length: ${record.payload.length}`]);
      expect(record.rawHead!.includes(Buffer.from('X-Title: 分块传输\r\n', 'utf8'))).toBe(true);
      expect(field(metadataOf.get(capture.id)!, 'memhole-header-change')).toEqual([
        'removed chunked from Transfer-Encoding: chunked (the body is stored de-chunked)',
        `added Content-Length: ${record.payload.length}`,
      ]);
    }
  });

  it('writes each redirect hop as its own response before the final one', () => {
    const redirected = captures.filter(({ capture }) => capture.redirects.length > 0);
    expect(redirected.length).toBeGreaterThan(0);
    for (const { capture } of redirected) {
      const main = mainRecord(capture);
      for (const hop of capture.redirects) {
        const at = records.findIndex((r) => r.type === 'response' && r.uri === hop.url && r.status === hop.status && r.date === iso(capture.capturedAt));
        expect(at, `hop ${hop.url} of capture ${capture.id}`).toBeGreaterThan(-1);
        expect(records[at]!.httpHeaders).toEqual([['Location', hop.location]]);
        expect(at).toBeLessThan(records.indexOf(main));
      }
    }
    expect(redirected.some(({ capture }) => capture.requestedUrl === archive.movedUrl)).toBe(true);
  });

  it('writes renderings, screenshots, feed copies, imports as resource records with their content types', () => {
    const copies = captures.filter(({ capture }) => ['browser', 'screenshot', 'feed', 'import'].includes(capture.how));
    expect(new Set(copies.map(({ capture }) => capture.how))).toEqual(new Set(['browser', 'screenshot', 'feed', 'import']));
    const schemes: Record<string, string> = { browser: 'urn:dom:', screenshot: 'urn:screenshot:', feed: 'urn:feed-item:', import: 'urn:import:' };
    for (const { capture } of copies) {
      const record = mainRecord(capture);
      expect(record.type).toBe('resource');
      expect(record.uri).toBe(`${schemes[capture.how]}${capture.finalUrl}`);
      expect(record.warc.get('Content-Type')).toBe(capture.contentType);
      expect(sha256(record.payload)).toBe(capture.bodyHash);
      expect(record.warc.get('WARC-Payload-Digest')).toBe(`sha256:${capture.bodyHash}`);
    }
    const screenshot = copies.find(({ capture }) => capture.how === 'screenshot')!;
    expect(mainRecord(screenshot.capture).payload.subarray(1, 4).toString()).toBe('PNG');
  });

  it('writes fetches that got no response as metadata records only, with the kind of failure', () => {
    const failed = captures.filter(({ capture }) => capture.status === null && capture.how === 'http');
    expect(failed.length).toBeGreaterThan(0);
    for (const { capture } of failed) {
      const metadata = metadataOf.get(capture.id)!;
      expect(metadata.uri).toBe(capture.finalUrl);
      expect(metadata.warc.has('WARC-Concurrent-To')).toBe(false);
      expect(field(metadata, 'memhole-failure-kind')).toEqual([capture.failureKind]);
    }
    expect(failed.map(({ capture }) => capture.failureKind)).toContain('refused');
    expect(records.some((r) => r.type === 'response' && r.uri === archive.refusedUrl)).toBe(false);
  });

  it('writes later copies of a body as revisits of the first with --revisits', async () => {
    const run = await archive.run(['export', 'warc', 'out/revisits.warc.gz', '--revisits']);
    expect(run.code).toBe(0);
    const deduplicated = await readWarc(join(archive.dir, 'out', 'revisits.warc.gz'));
    const revisits = deduplicated.filter((r) => r.type === 'revisit');
    expect(revisits.length).toBeGreaterThan(0);
    for (const revisit of revisits) {
      const original = deduplicated.find((r) => r.id === revisit.warc.get('WARC-Refers-To'));
      expect(original?.type).toBe('response');
      expect(original!.warc.get('WARC-Payload-Digest')).toBe(revisit.warc.get('WARC-Payload-Digest'));
      expect(revisit.warc.get('WARC-Refers-To-Target-URI')).toBe(original!.uri);
      expect(revisit.payload.length).toBe(0);
    }
    const responses = (list: ReadRecord[]): number => list.filter((r) => r.type === 'response' || r.type === 'revisit').length;
    expect(responses(deduplicated)).toBe(responses(records));
  });

  it('exports a damaged archive whole except the body it cannot read, naming that capture, exit 1', async () => {
    const damaged = join(archive.dir, 'damaged');
    cpSync(archive.dataDir, damaged, { recursive: true });
    const lost = captures.find(({ capture }) => capture.how === 'http' && capture.status === 200 && capture.bodyHash)!.capture;
    const db = new Database(join(damaged, DATABASE_FILE));
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM blobs WHERE hash = ?').run(lost.bodyHash);
    db.close();

    const run = await archive.run(['export', 'warc', 'out/damaged.warc.gz', '--data', damaged]);
    expect(run.code).toBe(1);
    const holders = captures.filter(({ capture }) => capture.bodyHash === lost.bodyHash);
    for (const { capture } of holders) expect(run.stderr).toContain(`memhole: capture ${capture.id} of `);
    expect(run.stderr).toContain(`blob ${lost.bodyHash} is missing. Run memhole verify.`);

    const read = await readWarc(join(archive.dir, 'out', 'damaged.warc.gz'));
    expect(read.filter((r) => r.type === 'metadata')).toHaveLength(captures.length);
    const metadata = read.find((r) => r.type === 'metadata' && field(r, 'memhole-capture')[0] === String(lost.id))!;
    expect(field(metadata, 'memhole-body-unreadable')).toEqual([`blob ${lost.bodyHash}`]);
    const response = read.find((r) => r.id === metadata.warc.get('WARC-Concurrent-To'))!;
    expect(response.warc.get('WARC-Truncated')).toBe('unspecified');
    expect(response.payload.length).toBe(0);
  });

  it('refuses a file name that is not .warc.gz or .warc, and writes nothing', async () => {
    const run = await archive.run(['export', 'warc', 'out/archive.zip']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name the WARC file <name>.warc.gz');
    expect(existsSync(join(archive.dir, 'out', 'archive.zip'))).toBe(false);
  });
});

/** The header lines of a record's HTTP block as written, status line left out. */
function rawHeaderLines(record: ReadRecord): string[] {
  return record.rawHead!.toString('utf8').split('\r\n').slice(1).filter((line) => line !== '');
}
