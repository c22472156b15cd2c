/**
 * Reads a WARC file back with warcio's WARCParser, the way an indexer for replay tools does: every record with
 * its WARC headers, parsed HTTP head, raw payload, the exact bytes of its HTTP header block, and the offset and
 * length of its gzip member in the file.
 */
import { readFileSync } from 'node:fs';
import { WARCParser } from 'warcio';

export interface ReadRecord {
  type: string;
  id: string;
  uri: string | null;
  date: string | null;
  warc: Map<string, string>;
  /** Parsed by warcio: status code and headers (names as written). */
  status: number | null;
  httpHeaders: [string, string][];
  /** The HTTP header block as it lies in the record, status line included. */
  rawHead: Buffer | null;
  /** The payload as stored (no content decoding). */
  payload: Buffer;
  /** warcio's own decoded view of the payload (content-encoding undone), for text checks. */
  decoded: Buffer;
  offset: number;
  length: number;
}

export async function readWarc(file: string): Promise<ReadRecord[]> {
  const records: ReadRecord[] = [];
  const parser = new WARCParser([readFileSync(file)], { keepHeadersCase: true });
  for await (const record of parser) {
    const payload = Buffer.from(await record.readFully(false));
    const decoded = record.httpHeaders ? Buffer.from(await record.readFully(true)) : payload;
    const warc = new Map<string, string>();
    for (const [name, value] of record.warcHeaders.headers) warc.set(name, value);
    records.push({
      type: record.warcType,
      id: record.warcHeader('WARC-Record-ID') ?? '',
      uri: record.warcTargetURI ?? null,
      date: record.warcDate ?? null,
      warc,
      status: record.httpHeaders && record.warcType !== 'request' ? Number(record.httpHeaders.statusCode) : null,
      httpHeaders: record.httpHeaders ? [...record.httpHeaders.headers] : [],
      rawHead: null,
      payload,
      decoded,
      offset: parser.offset,
      length: parser.recordLength,
    });
  }
  // A second pass without HTTP parsing sees each record's block as written: head and payload together.
  let index = 0;
  for await (const record of new WARCParser([readFileSync(file)], { parseHttp: false })) {
    const block = Buffer.from(await record.readFully(false));
    const read = records[index++]!;
    if (['response', 'request', 'revisit'].includes(read.type)) read.rawHead = block.subarray(0, block.indexOf('\r\n\r\n') + 2);
  }
  return records;
}

/** The fields of a metadata or warcinfo record (`name: value` lines), repeats kept in order. */
export function warcFields(payload: Buffer): [string, string][] {
  return payload
    .toString('utf8')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      const colon = line.indexOf(': ');
      return [line.slice(0, colon), line.slice(colon + 2)];
    });
}
