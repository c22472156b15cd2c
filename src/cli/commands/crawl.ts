/**
 * `memhole crawl <url...>` and `memhole crawl --source <id>`: crawl articles, listings or feeds into the
 * archive, with a progress line and a summary of counts.
 */
import { adapterById, adapterForUrl, adapters } from '../../../crawlers/index.ts';
import type { SourceAdapter } from '../../../crawlers/adapter.ts';
import { crawl, type CrawlSummary, type CrawlLimits } from '../../archive/crawl.ts';
import { adapterForSource } from '../../config/source-adapter.ts';
import type { SourceConfig } from '../../config/schema.ts';
import { crawlSettings, openCrawlingApp, type GlobalOptions } from '../app.ts';
import { CliError, EXIT, type CliIo } from '../io.ts';
import { createProgressLine } from '../progress.ts';

export interface CrawlCommandOptions extends GlobalOptions {
  source?: string;
  adapter?: string;
  maxArticles?: number;
  json?: boolean;
  /** Track exactly these URLs as articles: no listing, no discovery (`memhole add`). */
  single?: boolean;
  /** Render every article page in Chromium as well. */
  render?: boolean;
}

export async function crawlCommand(urls: string[], options: CrawlCommandOptions, io: CliIo): Promise<number> {
  if (!urls.length && !options.source) throw new CliError('crawl needs URLs or --source <id>; see memhole crawl --help', EXIT.usage);
  const forced = options.adapter ? adapterById(options.adapter) : undefined;
  if (options.adapter && !forced) {
    throw new CliError(`no adapter "${options.adapter}"; use one of: ${adapters.map((a) => a.id).join(', ')}`, EXIT.usage);
  }
  for (const url of urls) {
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new CliError(`"${url}" is not an http(s) URL`, EXIT.usage);
  }
  const app = await openCrawlingApp(io, options);
  try {
    let targets = urls;
    let sourceAdapter = forced;
    let limits: CrawlLimits = { maxArticles: 500, maxListingPages: 5 };
    let source: SourceConfig | undefined;
    if (options.source) {
      source = app.config.sources.find((s) => s.id === options.source);
      if (!source) {
        const known = app.config.sources.map((s) => s.id).join(', ') || 'none configured';
        throw new CliError(`no source "${options.source}" in ${app.config.configPath ?? 'the configuration'} (sources: ${known})`, EXIT.config);
      }
      targets = [...source.feeds, ...source.startUrls, ...urls];
      sourceAdapter = forced ?? adapterForSource(source);
      limits = source.limits;
    }
    const sourceId = source?.id ?? null;
    if (options.maxArticles) limits = { ...limits, maxArticles: options.maxArticles };
    if (options.single) limits = { maxArticles: targets.length, maxListingPages: 0 };
    const adapterFor = (url: string): SourceAdapter => {
      const adapter = sourceAdapter ?? adapterForUrl(url);
      if (!adapter) throw new CliError(`no adapter handles ${new URL(url).host}; name one with --adapter <id>`, EXIT.usage);
      return adapter;
    };
    targets.forEach(adapterFor);
    const progress = createProgressLine(io.stderr);
    const summary = await crawl(targets, {
      ...crawlSettings(app, source, options.render ? 'always' : undefined),
      adapterFor,
      sourceId: (adapter) => sourceId ?? adapter.id,
      limits,
      startAsArticles: options.single ?? false,
      onProgress: (counts, url) => progress.update(`${counts.captures} captured, ${counts.articlesNew} new articles: ${url}`),
    });
    progress.done();
    if (options.json) io.stdout.write(`${JSON.stringify({ dataDir: app.config.dataDir, ...summary }, null, 2)}\n`);
    else io.stdout.write(formatSummary(summary, app.config.dataDir));
    return summary.errors.length && !summary.captures ? EXIT.failure : EXIT.ok;
  } finally {
    await app.close();
  }
}

export function formatSummary(summary: CrawlSummary, dataDir: string): string {
  const lines = [
    `crawled into ${dataDir}`,
    `  captures         ${summary.captures} (${summary.articlePages} article pages, ${summary.listingPages} listings, ${summary.feeds} feeds, ${summary.feedItems} feed items)`,
    `  articles         ${summary.articlesNew} new versions, ${summary.articlesUnchanged} unchanged`,
    `  comment threads  ${summary.threadsNew} new`,
  ];
  const statuses = Object.entries(summary.httpErrors).map(([status, n]) => `${status}×${n}`);
  if (statuses.length) lines.push(`  http statuses    ${statuses.join(', ')} (recorded as captures)`);
  const failures = Object.entries(summary.failures).map(([kind, n]) => `${kind}×${n}`);
  if (failures.length) lines.push(`  fetch failures   ${failures.join(', ')} (recorded as captures)`);
  if (summary.assets.stored || summary.assets.failed) lines.push(`  images           ${summary.assets.stored} archived, ${summary.assets.known} already archived, ${summary.assets.failed} failed (recorded)`);
  if (summary.rendered) lines.push(`  rendered         ${summary.rendered} pages in Chromium (DOM and full-page screenshot kept)`);
  if (summary.renderSkipped) lines.push(`  not rendered     ${summary.renderSkipped}`);
  if (summary.walls) lines.push(`  captcha walls    ${summary.walls} pages answered a verification wall (recorded, not read as articles; try again later)`);
  if (summary.extractionFailed) lines.push(`  no article found ${summary.extractionFailed} pages`);
  if (summary.disallowedByRobots.length) lines.push(`  robots.txt       ${summary.disallowedByRobots.length} URLs not allowed, not fetched (obeyRobots: false to archive them anyway)`);
  if (summary.skippedByLimit) lines.push(`  not fetched      ${summary.skippedByLimit} articles over the limit (maxArticles)`);
  for (const error of summary.errors.slice(0, 10)) lines.push(`  error            ${error.url}: ${error.message}`);
  return `${lines.join('\n')}\n`;
}
