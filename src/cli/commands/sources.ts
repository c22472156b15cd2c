/**
 * `memhole sources`: the configured sources and their health (last crawl, tracked pages by state, adapter
 * warnings from `status`).
 */
import { toShanghaiIso } from '../../../crawlers/common/dates.ts';
import { sourceHealth } from '../../archive/source-health.ts';
import { sourceAdapterWarnings } from '../../recheck/status.ts';
import { openApp, type GlobalOptions } from '../app.ts';
import { EXIT, type CliIo } from '../io.ts';

export interface SourcesCommandOptions extends GlobalOptions {
  json?: boolean;
}

export async function sourcesCommand(options: SourcesCommandOptions, io: CliIo): Promise<number> {
  const app = await openApp(io, options);
  try {
    const health = await sourceHealth(app.store, app.config.sources);
    const warnings = await sourceAdapterWarnings(app.store, io.clock());
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ sources: health, warnings }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (!health.length) {
      io.stdout.write(`no sources configured in ${app.config.configPath ?? 'memhole.config.yaml (not found)'}; see the configuration section of README.md\n`);
      return EXIT.ok;
    }
    const lines = health.map((source) => {
      const states = Object.entries(source.byState).filter(([, n]) => n).map(([state, n]) => `${state} ${n}`).join(', ') || 'no pages yet';
      const crawled = source.lastCrawl ? `last crawled ${toShanghaiIso(source.lastCrawl)}` : 'never crawled';
      const warning = warnings.find((w) => w.sourceId === source.id);
      return `${source.id.padEnd(14)} ${source.adapter.padEnd(12)} ${source.feeds} feeds, ${source.startUrls} start URLs; ${crawled}; ${source.articles} articles, ${source.origins} originals (${states})${warning ? `\n${' '.repeat(15)}warning: ${warning.message}` : ''}`;
    });
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    await app.close();
  }
}
