/**
 * `memhole diff <url|key> [--from vN] [--to vM]`: what changed in a page's text between two archived versions
 * (by default the last two), and `memhole diff --capture <id>`: what one capture shows against the last good
 * version before it. Unified text, side-by-side HTML or JSON; the diffing is src/report.
 */
import type { CaptureRow, PageRow, Store } from '../../../storage/types.ts';
import { captureText, extractCapture } from '../../archive/reextract.ts';
import { articleInput } from '../../archive/record.ts';
import { adapterForPage } from '../../recheck/page-adapter.ts';
import { pageEvidence } from '../../recheck/page-evidence.ts';
import type { DiffableVersion } from '../../report/diff-document.ts';
import { diffDocumentHtml } from '../../report/diff-html.ts';
import { formatUnifiedDiff } from '../../report/unified-diff.ts';
import { diffArticleVersions, diffCaptureWithVersion, numberedVersions, type NumberedVersion, type VersionDiff } from '../../report/version-diff.ts';
import { openApp, type App, type GlobalOptions } from '../app.ts';
import { CliError, EXIT, type CliIo } from '../io.ts';
import { writeOutput } from '../output-file.ts';
import { findPage } from '../page-target.ts';

export const DIFF_FORMATS = ['unified', 'html', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffCommandOptions extends GlobalOptions {
  from?: string;
  to?: string;
  capture?: number;
  format?: DiffFormat;
  out?: string;
}

export async function diffCommand(target: string | undefined, options: DiffCommandOptions, io: CliIo): Promise<number> {
  if (!target && options.capture === undefined) throw new CliError('name a page (a URL or a key such as cdt:685611), or a capture with --capture <id>', EXIT.usage);
  if (options.capture !== undefined && (options.from || options.to)) throw new CliError('--capture compares with the last good version; leave out --from and --to', EXIT.usage);
  const app = await openApp(io, options);
  try {
    const result = options.capture !== undefined ? await captureDiff(app, options.capture, target) : await versionsDiff(app.store, target!, options);
    await writeOutput(io, options.out, render(result, options.format ?? 'unified'), `the diff of ${result.page.key} (${result.from.label} -> ${result.to.label})`);
    return EXIT.ok;
  } finally {
    await app.close();
  }
}

function render(result: VersionDiff, format: DiffFormat): string {
  const labels = { from: result.from.label, to: result.to.label };
  if (format === 'html') return diffDocumentHtml(result.diff, labels, `${result.page.key}: ${labels.from} → ${labels.to}`);
  if (format === 'json') {
    const { diff, ...sides } = result;
    return `${JSON.stringify({ ...sides, identical: diff.identical, stats: diff.stats, rows: diff.rows }, null, 2)}\n`;
  }
  return formatUnifiedDiff(result.diff, labels);
}

async function versionsDiff(store: Store, target: string, options: DiffCommandOptions): Promise<VersionDiff> {
  const page = await pageOrFail(store, target);
  const versions = await numberedVersions(store, page.id);
  if (versions.length === 0) throw new CliError(`${page.canonicalKey} has no archived article version to compare`, EXIT.notFound);
  if (!options.from && !options.to && versions.length < 2) {
    throw new CliError(`${page.canonicalKey} has one version only; it has not changed since it was archived`, EXIT.notFound);
  }
  const to = options.to ? pick(versions, options.to, '--to', page) : versions.at(-1)!;
  // By default the version before `to`.
  const from = options.from ? pick(versions, options.from, '--from', page) : versions[Math.max(0, to.number - 2)]!;
  return diffArticleVersions(page, from, to);
}

/** A version named as `v3` or `3`. */
function pick(versions: NumberedVersion[], name: string, flag: string, page: PageRow): NumberedVersion {
  const match = /^v?(\d+)$/i.exec(name.trim());
  const version = match ? versions[Number(match[1]) - 1] : undefined;
  if (!version) throw new CliError(`${flag} ${name}: ${page.canonicalKey} has versions v1 to v${versions.length}; write ${flag} v1`, EXIT.usage);
  return version;
}

async function captureDiff(app: App, captureId: number, target: string | undefined): Promise<VersionDiff> {
  const capture = await app.store.getCapture(captureId);
  if (!capture) throw new CliError(`no capture #${captureId} in the archive; \`memhole show <url|key>\` lists a page's captures`, EXIT.notFound);
  const page = (await app.store.getPage(capture.pageId))!;
  if (target) {
    const named = await pageOrFail(app.store, target);
    if (named.id !== page.id) throw new CliError(`capture #${captureId} belongs to ${page.canonicalKey}, not ${named.canonicalKey}`, EXIT.usage);
  }
  if (capture.how === 'screenshot' || capture.how === 'asset') throw new CliError(`capture #${captureId} is ${capture.how === 'asset' ? 'an image' : 'a screenshot'}; give a page capture`, EXIT.usage);
  const versions = await numberedVersions(app.store, page.id);
  // The last good version is the newest one archived before this capture, never one this capture wrote.
  const lastGood = versions.filter((version) => version.article.captureId < capture.id).at(-1);
  if (!lastGood) throw new CliError(`${page.canonicalKey} has no version archived before capture #${captureId} to compare with`, EXIT.notFound);
  return diffCaptureWithVersion(page, lastGood, capture, await shownBy(app, page, capture));
}

/** The article a capture extracts to, else the page's visible text as a stand-in (a notice, an error page). */
async function shownBy(app: App, page: PageRow, capture: CaptureRow): Promise<{ version: DiffableVersion; extracted: boolean }> {
  const adapter = adapterForPage(app.config.sources)(page);
  if (adapter) {
    const result = await extractCapture(app.store, adapter, page, capture);
    if ('extracted' in result && result.extracted) return { version: articleInput(adapter, result.extracted), extracted: true };
  }
  const text = await captureText(app.store, capture);
  if (typeof text !== 'string') {
    const why = capture.failureKind ? `${capture.failureKind} failure` : text.reason;
    throw new CliError(`capture #${capture.id} has no body to compare (${why})`, EXIT.notFound);
  }
  const evidence = pageEvidence(text, capture.finalUrl);
  return {
    version: { title: evidence.title ?? '', author: null, publishedText: null, originName: null, originUrl: null, card: null, markdown: evidence.visibleText },
    extracted: false,
  };
}

async function pageOrFail(store: Store, target: string): Promise<PageRow> {
  const page = await findPage(store, target);
  if (!page) throw new CliError(`nothing archived for "${target}"; give a URL crawled before or a key such as cdt:685611`, EXIT.notFound);
  return page;
}
