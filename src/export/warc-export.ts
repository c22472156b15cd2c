/**
 * The WARC export (`memhole export warc`): every capture of the archive as WARC 1.1 records written with warcio,
 * each record its own gzip member so replay tools (pywb, replayweb.page) can seek to it. HTTP exchanges become
 * `response` records (redirect hops first, each its own response) with their `request`; renderings, feed copies
 * and imports become `resource` records; a fetch that got no response becomes a `metadata` record. Every
 * capture also gets a `metadata` record tying it to its archive rows. Header handling is warc-http.ts.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { HeadersMultiMap, StatusAndHeaders, WARCRecord, WARCSerializer, WARC_1_1, type WARCType } from 'warcio';
import type { CaptureRow, PageRow, Store } from '../../storage/index.ts';
import { withFileSink, type Sink } from './file-sink.ts';
import { headerForWriting, requestLine, responseHead, statusLine, truncationReason, type HeaderList } from './warc-http.ts';

export interface WarcExportOptions {
  sourceId?: string;
  /** Gzip each record (the default; a `.warc` file name asks for none). */
  gzip?: boolean;
  /** Write a later capture whose body was already written as a `revisit` record pointing at the first. */
  revisits?: boolean;
  /** Epoch milliseconds for the warcinfo record. */
  now: number;
  software: string;
  onProgress?: (progress: { pages: number; pagesTotal: number; records: number }) => void;
}

/** A capture whose body could not be read back: it is written without its body, and named here. */
export interface UnreadableBody {
  captureId: number;
  page: string;
  hash: string;
  reason: string;
}

export interface WarcExportResult {
  file: string;
  captures: number;
  records: Partial<Record<WARCType, number>>;
  /** Captures of fetches that got no response (DNS, refused, timeout, ...): metadata records only. */
  failedFetches: number;
  unreadableBodies: UnreadableBody[];
}

/** How the copies that had no HTTP exchange of their own are named, so replay of the page URL finds the fetch. */
const RESOURCE_SCHEMES: Partial<Record<CaptureRow['how'], string>> = {
  browser: 'urn:dom:',
  screenshot: 'urn:screenshot:',
  feed: 'urn:feed-item:',
  import: 'urn:import:',
};

export async function exportWarc(store: Store, file: string, options: WarcExportOptions): Promise<WarcExportResult> {
  return withFileSink(file, async (sink) => {
    const writer = new RecordWriter(sink, options.gzip ?? true);
    const result: WarcExportResult = { file, captures: 0, records: writer.counts, failedFetches: 0, unreadableBodies: [] };
    await writer.write(warcinfo(file, options));
    const pages = await store.listPages(options.sourceId ? { sourceId: options.sourceId } : {});
    const firstWritten: FirstWritten = new Map();
    for (const [index, page] of pages.entries()) {
      for (const capture of await store.listCaptures(page.id)) {
        result.captures++;
        const body = await readBody(store, capture, page, result.unreadableBodies);
        if (capture.status === null && !RESOURCE_SCHEMES[capture.how]) result.failedFetches++;
        for (const record of captureRecords(capture, page, body, options.revisits ? firstWritten : null)) await writer.write(record);
      }
      options.onProgress?.({ pages: index + 1, pagesTotal: pages.length, records: writer.total });
    }
    return result;
  });
}

function warcinfo(file: string, options: WarcExportOptions): WARCRecord {
  return WARCRecord.createWARCInfo(
    { filename: basename(file), warcVersion: WARC_1_1, date: new Date(options.now).toISOString() },
    {
      software: options.software,
      format: 'WARC File Format 1.1',
      conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
      description:
        'Captures of a memhole archive. HTTP responses keep the headers as received, in order, except that ' +
        'chunked framing is removed and Content-Length states the stored body. Rendered DOMs, screenshots, feed ' +
        'copies and imports are resource records under urn:dom:, urn:screenshot:, urn:feed-item: and urn:import:. ' +
        'Fetches that got no response are metadata records. Each capture has a metadata record naming its page.',
      ...(options.sourceId ? { 'memhole-source': options.sourceId } : {}),
    },
  );
}

/** The body of a capture, or null when it has none or it cannot be read (then named in `unreadable`). */
async function readBody(store: Store, capture: CaptureRow, page: PageRow, unreadable: UnreadableBody[]): Promise<Uint8Array | null> {
  if (capture.bodyHash === null) return null;
  let reason = 'is missing';
  try {
    const body = await store.readBlob(capture.bodyHash);
    if (body) return body;
  } catch (error) {
    reason = `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
  unreadable.push({ captureId: capture.id, page: page.canonicalKey, hash: capture.bodyHash, reason });
  return null;
}

type FirstWritten = Map<string, { id: string; uri: string; date: string }>;

/** The records of one capture, its metadata record last. */
function captureRecords(capture: CaptureRow, page: PageRow, body: Uint8Array | null, firstWritten: FirstWritten | null): WARCRecord[] {
  const date = new Date(capture.capturedAt).toISOString();
  const bytes = body ?? new Uint8Array(0);
  const scheme = RESOURCE_SCHEMES[capture.how];
  const notes: [string, string][] = [];
  // A body the archive should hold but cannot give back: the record says it is cut short, the metadata why.
  const bodyLost = capture.bodyHash !== null && body === null;
  if (bodyLost) notes.push(['memhole-body-unreadable', `blob ${capture.bodyHash}`]);
  if (scheme !== undefined) {
    const resource = { id: recordId(), uri: `${scheme}${capture.finalUrl}` };
    const record = WARCRecord.create(
      {
        type: 'resource',
        url: resource.uri,
        date,
        warcVersion: WARC_1_1,
        warcHeaders: {
          'WARC-Record-ID': resource.id,
          'Content-Type': capture.contentType ?? 'application/octet-stream',
          // A feed copy came over the feed's connection: its address is known.
          ...(capture.remoteAddress ? { 'WARC-IP-Address': capture.remoteAddress } : {}),
          ...(bodyLost ? { 'WARC-Truncated': 'unspecified' } : {}),
        },
      },
      [bytes],
    );
    return [record, metadataRecord(capture, page, { id: recordId(), uri: resource.uri, concurrentTo: resource.id }, date, notes)];
  }

  const records: WARCRecord[] = [];
  for (const hop of capture.redirects) {
    notes.push(['memhole-redirect', `${hop.status} ${hop.url} -> ${hop.location}`]);
    records.push(httpRecord('response', { id: recordId(), uri: hop.url }, date, statusLine(hop.status), [['Location', hop.location]], [], {}));
  }
  if (capture.failureKind) notes.push(['memhole-failure-kind', capture.failureKind], ['memhole-failure', capture.failureMessage ?? '']);
  if (capture.status === null) {
    // No response arrived: nothing to replay, only what was tried and how it failed, in the metadata record.
    return [...records, metadataRecord(capture, page, { id: recordId(), uri: capture.finalUrl, concurrentTo: null }, date, notes)];
  }

  const response = { id: recordId(), uri: capture.finalUrl };
  const head = responseHead(capture, bytes.byteLength);
  for (const change of head.changes) notes.push(['memhole-header-change', change]);
  const address: Record<string, string> = capture.remoteAddress ? { 'WARC-IP-Address': capture.remoteAddress } : {};
  const truncated = bodyLost ? 'unspecified' : capture.truncated ? truncationReason(capture.failureKind) : null;
  const extra = truncated ? { ...address, 'WARC-Truncated': truncated } : address;
  const earlier = capture.bodyHash && body ? firstWritten?.get(capture.bodyHash) : undefined;
  if (earlier) {
    records.push(
      httpRecord('revisit', response, date, head.statusLine, head.headers, [], {
        ...extra,
        'WARC-Payload-Digest': `sha256:${capture.bodyHash}`,
        'WARC-Refers-To': earlier.id,
        'WARC-Refers-To-Target-URI': earlier.uri,
        'WARC-Refers-To-Date': earlier.date,
      }),
    );
  } else {
    records.push(httpRecord('response', response, date, head.statusLine, head.headers, [bytes], extra));
    if (capture.bodyHash && body) firstWritten?.set(capture.bodyHash, { ...response, date });
  }
  if (capture.requestHeaders.length) {
    const request = { id: recordId(), uri: capture.finalUrl };
    records.push(httpRecord('request', request, date, requestLine(capture.finalUrl), capture.requestHeaders, [], { ...address, 'WARC-Concurrent-To': response.id }));
  }
  records.push(metadataRecord(capture, page, { id: recordId(), uri: response.uri, concurrentTo: response.id }, date, notes));
  return records;
}

function metadataRecord(
  capture: CaptureRow,
  page: PageRow,
  target: { id: string; uri: string; concurrentTo: string | null },
  date: string,
  notes: [string, string][],
): WARCRecord {
  const fields: [string, string][] = [
    ['memhole-capture', String(capture.id)],
    ['memhole-page', page.canonicalKey],
    ['memhole-source', page.sourceId],
    ['memhole-how', capture.how],
  ];
  if (capture.parentCaptureId !== null) fields.push(['memhole-parent-capture', String(capture.parentCaptureId)]);
  if (capture.requestedUrl !== target.uri) fields.push(['memhole-requested-url', capture.requestedUrl]);
  if (capture.charset) fields.push(['memhole-charset', capture.charset]);
  fields.push(['memhole-duration-ms', String(capture.durationMs)], ...notes);
  const text = fields.map(([name, value]) => `${name}: ${value.replace(/[\r\n]+/g, ' ')}\r\n`).join('');
  return WARCRecord.create(
    {
      type: 'metadata',
      url: target.uri,
      date,
      warcVersion: WARC_1_1,
      warcHeaders: { 'WARC-Record-ID': target.id, ...(target.concurrentTo ? { 'WARC-Concurrent-To': target.concurrentTo } : {}) },
    },
    [new TextEncoder().encode(text)],
  );
}

function httpRecord(
  type: 'response' | 'request' | 'revisit',
  target: { id: string; uri: string },
  date: string,
  firstLine: string,
  headers: HeaderList,
  payload: Uint8Array[],
  warcHeaders: Record<string, string>,
): WARCRecord {
  const record = WARCRecord.create(
    { type, url: target.uri, date, warcVersion: WARC_1_1, warcHeaders: { 'WARC-Record-ID': target.id, ...warcHeaders } },
    payload,
  );
  record.httpHeaders = new StatusAndHeaders({ statusline: firstLine, headers: new RecordedHeaders(headers.map(headerForWriting)) });
  return record;
}

function recordId(): string {
  return `<urn:uuid:${randomUUID()}>`;
}

/**
 * Headers that serialise in the order received, repeats where they were: warcio's map groups a repeated name
 * at its first position, which would lose the order that is evidence too.
 */
class RecordedHeaders extends HeadersMultiMap {
  readonly #list: HeaderList;

  constructor(list: HeaderList) {
    super();
    this.#list = list;
    for (const [name, value] of list) if (!this.has(name)) this.set(name, value);
  }

  override *[Symbol.iterator](): IterableIterator<[string, string]> {
    yield* this.#list;
  }
}

/** Serialises records one after another into the sink, each its own gzip member. */
class RecordWriter {
  readonly counts: Partial<Record<WARCType, number>> = {};
  total = 0;
  readonly #sink: Sink;
  readonly #gzip: boolean;

  constructor(sink: Sink, gzip: boolean) {
    this.#sink = sink;
    this.#gzip = gzip;
  }

  async write(record: WARCRecord): Promise<void> {
    await this.#sink.write(await WARCSerializer.serialize(record, { gzip: this.#gzip }));
    const type = record.warcType as WARCType;
    this.counts[type] = (this.counts[type] ?? 0) + 1;
    this.total++;
  }
}
