/**
 * The JSONL and CSV exports (`memhole export jsonl|csv`): the tables of archive-tables.ts streamed to files,
 * one row at a time. JSONL goes to one file per table in a folder, or to a single file (or stdout) where each
 * line names its table in `type`; CSV always to a folder, one UTF-8 file per table with a header row.
 */
import { join } from 'node:path';
import type { Store } from '../../storage/index.ts';
import { archiveRows, COLUMNS, TABLES, type ArchiveTablesOptions, type TableName, type TableRow } from './archive-tables.ts';
import { csvRecord } from './csv.ts';
import { openFileSink, type Sink } from './file-sink.ts';

export type TabularTarget = { dir: string } | { file: string } | { stream: { write(text: string): unknown } };

export interface TabularExportResult {
  /** Files written, or empty when the rows went to a stream. */
  files: string[];
  rows: Record<TableName, number>;
}

/** The `type` of a row in a single JSONL stream. */
const ROW_TYPES: Record<TableName, string> = { articles: 'article', checks: 'check', events: 'event' };

export async function exportJsonl(store: Store, target: TabularTarget, options: ArchiveTablesOptions): Promise<TabularExportResult> {
  const single = !('dir' in target);
  return writeTables(store, target, 'jsonl', options, {
    header: () => '',
    line: (table, row) => `${JSON.stringify(single ? { type: ROW_TYPES[table], ...ordered(table, row) } : ordered(table, row))}\n`,
  });
}

export async function exportCsv(store: Store, dir: string, options: ArchiveTablesOptions & { bom?: boolean }): Promise<TabularExportResult> {
  return writeTables(store, { dir }, 'csv', options, {
    // A byte-order mark lets spreadsheet programs see UTF-8 without being told; other readers may not want it.
    header: (table) => `${options.bom ? '\ufeff' : ''}${csvRecord(COLUMNS[table])}`,
    line: (table, row) => csvRecord(COLUMNS[table].map((column) => row[column])),
  });
}

interface Format {
  header(table: TableName): string;
  line(table: TableName, row: TableRow): string;
}

async function writeTables(store: Store, target: TabularTarget, extension: string, options: ArchiveTablesOptions, format: Format): Promise<TabularExportResult> {
  const sinks = openSinks(target, extension);
  const rows = { articles: 0, checks: 0, events: 0 };
  try {
    // Every table's header first, so a table without rows still opens as the same table.
    for (const table of TABLES) await sinks.byTable[table].write(format.header(table));
    for await (const { table, row } of archiveRows(store, options)) {
      await sinks.byTable[table].write(format.line(table, row));
      rows[table]++;
    }
    for (const sink of sinks.all) await sink.close();
    return { files: sinks.files, rows };
  } catch (error) {
    for (const sink of sinks.all) await sink.abort();
    throw error;
  }
}

function openSinks(target: TabularTarget, extension: string): { byTable: Record<TableName, Sink>; all: Sink[]; files: string[] } {
  if ('dir' in target) {
    const files = TABLES.map((table) => join(target.dir, `${table}.${extension}`));
    const all = files.map(openFileSink);
    return { byTable: { articles: all[0]!, checks: all[1]!, events: all[2]! }, all, files };
  }
  const sink = 'file' in target ? openFileSink(target.file) : streamSink(target.stream);
  return { byTable: { articles: sink, checks: sink, events: sink }, all: [sink], files: 'file' in target ? [target.file] : [] };
}

function streamSink(stream: { write(text: string): unknown }): Sink {
  return {
    write: async (chunk) => void stream.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
    close: async () => undefined,
    abort: async () => undefined,
  };
}

/** The row's cells in the table's documented column order, every column present. */
function ordered(table: TableName, row: TableRow): TableRow {
  return Object.fromEntries(COLUMNS[table].map((column) => [column, row[column] ?? null]));
}
