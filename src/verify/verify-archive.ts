/**
 * Integrity check of an archive (`memhole verify`): every blob decompressed and re-hashed against its key,
 * every reference between rows resolved, and SQLite's own structural check; each problem named with the rows
 * that depend on it. Reads only; the queries are storage/integrity-repo.ts, the command src/cli/commands/verify.ts.
 */
import { decompressBlob, sha256Hex, type ArchiveTable, type RowRef, type Store, type StoredBlob } from '../../storage/index.ts';

export type ProblemKind =
  /** SQLite found the file itself damaged. */
  | 'damaged_database'
  /** A blob whose bytes do not decompress, or do not hash to its key, or whose size is not the one recorded. */
  | 'corrupt_blob'
  /** A row that other rows refer to but that does not exist (a missing blob, page, capture, ...). */
  | 'missing_row';

/** A row that depends on a damaged or missing one, and how. */
export interface DependentRow {
  table: ArchiveTable;
  key: string;
  /** Canonical key of the row's page, when it has one and that page exists. */
  page: string | null;
  /** The column through which it depends, such as `captures.body_hash`. */
  via: string;
  /** The row it refers to, when that is itself a dependent (an article of a capture whose blob is corrupt). */
  through: { table: ArchiveTable; key: string } | null;
}

export interface VerifyProblem {
  kind: ProblemKind;
  /** The damaged or missing row; null for the database file as a whole. */
  subject: { table: ArchiveTable; key: string } | null;
  message: string;
  dependents: DependentRow[];
  /** Dependents left out of `dependents` past the listing cap. */
  moreDependents: number;
}

export interface VerifyReport {
  ok: boolean;
  blobs: { checked: number; bytes: number; corrupt: number };
  /** References between rows that found no row. */
  danglingReferences: number;
  problems: VerifyProblem[];
}

export interface VerifyProgress {
  blobsChecked: number;
  blobsTotal: number;
}

export interface VerifyOptions {
  onProgress?: (progress: VerifyProgress) => void;
  /** Blobs read per query; bounds memory on archives of large bodies. */
  batchSize?: number;
  /** Dependents listed per problem; the rest are counted. */
  maxDependents?: number;
}

const DEFAULT_BATCH = 64;
const DEFAULT_MAX_DEPENDENTS = 200;

export async function verifyArchive(store: Store, options: VerifyOptions = {}): Promise<VerifyReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const dependents = new DependentFinder(store, options.maxDependents ?? DEFAULT_MAX_DEPENDENTS);
  const problems: VerifyProblem[] = [];

  const damage = await store.checkDatabaseFile();
  if (damage.length) {
    problems.push({
      kind: 'damaged_database',
      subject: null,
      message: `SQLite reports the database file damaged: ${damage.slice(0, 10).join('; ')}${damage.length > 10 ? ` (and ${damage.length - 10} more)` : ''}`,
      dependents: [],
      moreDependents: 0,
    });
  }

  const blobsTotal = (await store.counts()).blobs;
  const blobs = { checked: 0, bytes: 0, corrupt: 0 };
  for (let after: string | null = null; ; ) {
    const batch: StoredBlob[] = await store.scanBlobs(after, batchSize);
    if (!batch.length) break;
    for (const blob of batch) {
      const fault = blobFault(blob);
      blobs.checked++;
      blobs.bytes += blob.size;
      if (fault !== null) {
        blobs.corrupt++;
        const subject = { table: 'blobs' as const, key: blob.hash };
        problems.push({ kind: 'corrupt_blob', subject, message: `blob ${blob.hash} ${fault}`, ...(await dependents.of(subject)) });
      }
    }
    after = batch.at(-1)!.hash;
    options.onProgress?.({ blobsChecked: blobs.checked, blobsTotal });
  }

  const dangling = await store.danglingReferences();
  const missing = new Map<string, { table: ArchiveTable; key: string }>();
  for (const reference of dangling) missing.set(`${reference.target}\u0000${reference.value}`, { table: reference.target, key: reference.value });
  for (const subject of missing.values()) {
    problems.push({ kind: 'missing_row', subject, message: `${rowName(subject)} is missing: rows refer to it but it is not stored`, ...(await dependents.of(subject)) });
  }

  return { ok: problems.length === 0, blobs, danglingReferences: dangling.length, problems };
}

/** What is wrong with a stored blob, or null when it decompresses to bytes that hash to its key. */
function blobFault(blob: StoredBlob): string | null {
  let bytes: Uint8Array;
  try {
    bytes = decompressBlob(blob.data, blob.compression);
  } catch (error) {
    return `does not decompress as ${blob.compression} (${error instanceof Error ? error.message : String(error)})`;
  }
  const hash = sha256Hex(bytes);
  if (hash !== blob.hash) return `holds bytes whose sha-256 is ${hash}, not its key`;
  if (bytes.byteLength !== blob.size) return `holds ${bytes.byteLength} bytes, recorded as ${blob.size}`;
  return null;
}

/** "blob 3fa4...", "pages 12", "page_urls https://...". */
export function rowName(row: { table: ArchiveTable; key: string }): string {
  return row.table === 'blobs' ? `blob ${row.key}` : `${row.table} ${row.key}`;
}

/**
 * The rows that depend on a row: those referring to it, then those referring to them (the articles, threads
 * and checks made from a capture whose blob is gone), two steps deep and capped, naming each row's page.
 */
class DependentFinder {
  readonly #store: Store;
  readonly #max: number;
  readonly #pageKeys = new Map<number, string | null>();

  constructor(store: Store, max: number) {
    this.#store = store;
    this.#max = max;
  }

  async of(subject: { table: ArchiveTable; key: string }): Promise<{ dependents: DependentRow[]; moreDependents: number }> {
    const found: DependentRow[] = [];
    const seen = new Set<string>([`${subject.table}:${subject.key}`]);
    let more = 0;
    const add = async (row: RowRef, via: string, through: DependentRow['through']): Promise<boolean> => {
      const id = `${row.table}:${row.key}`;
      if (seen.has(id)) return false;
      seen.add(id);
      if (found.length >= this.#max) {
        more++;
        return false;
      }
      found.push({ table: row.table, key: row.key, page: await this.#pageKey(row.pageId), via, through });
      return true;
    };
    const direct: RowRef[] = [];
    for (const referrer of await this.#store.referrers(subject.table, subject.key)) {
      if (await add(referrer.row, `${referrer.row.table}.${referrer.column}`, null)) direct.push(referrer.row);
    }
    for (const row of direct) {
      for (const referrer of await this.#store.referrers(row.table, row.key)) {
        await add(referrer.row, `${referrer.row.table}.${referrer.column}`, { table: row.table, key: row.key });
      }
    }
    return { dependents: found, moreDependents: more };
  }

  async #pageKey(pageId: number | null): Promise<string | null> {
    if (pageId === null) return null;
    if (!this.#pageKeys.has(pageId)) this.#pageKeys.set(pageId, (await this.#store.getPage(pageId))?.canonicalKey ?? null);
    return this.#pageKeys.get(pageId)!;
  }
}
