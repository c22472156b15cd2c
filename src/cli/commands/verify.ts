/**
 * `memhole verify`: re-hash every blob and resolve every reference between rows, on an archive opened read-only;
 * prints each problem with the rows that depend on it and exits 1 when there is any. The checks are
 * src/verify/verify-archive.ts.
 */
import { rowName, verifyArchive, type VerifyProblem, type VerifyReport } from '../../verify/verify-archive.ts';
import { openReadOnlyApp, type GlobalOptions } from '../app.ts';
import { EXIT, type CliIo } from '../io.ts';
import { createProgressLine } from '../progress.ts';

export interface VerifyCommandOptions extends GlobalOptions {
  json?: boolean;
}

export async function verifyCommand(options: VerifyCommandOptions, io: CliIo): Promise<number> {
  const { store, config, close } = await openReadOnlyApp(io, options);
  const progress = createProgressLine(io.stderr);
  try {
    const report = await verifyArchive(store, {
      onProgress: ({ blobsChecked, blobsTotal }) => progress.update(`verify: ${blobsChecked} of ${blobsTotal} blobs re-hashed`),
    });
    progress.done();
    io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, config.dataDir));
    return report.ok ? EXIT.ok : EXIT.failure;
  } finally {
    progress.done();
    await close();
  }
}

function renderReport(report: VerifyReport, dataDir: string): string {
  const { blobs } = report;
  const lines = [
    `${dataDir}: ${blobs.checked} blobs re-hashed (${formatBytes(blobs.bytes)}), ${blobs.corrupt} corrupt; ` +
      `${report.danglingReferences} row references to nothing`,
  ];
  for (const problem of report.problems) lines.push('', ...renderProblem(problem));
  lines.push('', report.ok ? 'ok: nothing corrupt or missing' : `${report.problems.length} problems found`);
  return `${lines.join('\n')}\n`;
}

function renderProblem(problem: VerifyProblem): string[] {
  const lines = [`${problem.kind.replace('_', ' ')}: ${problem.message}`];
  if (problem.dependents.length) lines.push('  rows that depend on it:');
  for (const row of problem.dependents) {
    const through = row.through ? `, made from ${rowName(row.through)}` : '';
    lines.push(`    ${rowName(row)}${row.page ? ` (page ${row.page})` : ''} via ${row.via}${through}`);
  }
  if (problem.moreDependents) lines.push(`    and ${problem.moreDependents} more`);
  return lines;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
