/**
 * `npm run demo`: the main job on the embedded default. Starts the local demo site (pages in China Digital
 * Times' structure, on 127.0.0.1), crawls its feed and listings into a fresh data folder with `memhole crawl`,
 * exports markdown, shows one article, and prints where everything is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main } from '../src/cli/main.ts';
import type { CliIo } from '../src/cli/io.ts';
import { startDemoSite } from './demo-site/server.ts';

const root = process.cwd();
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
const dataDir = join(root, 'memhole-data', `demo-${stamp}`);
const exportDir = join(dataDir, 'markdown');
const configPath = join(dataDir, 'memhole.config.yaml');
mkdirSync(dataDir, { recursive: true });
// Real sites get one request a second per host; the local demo site needs no such politeness.
writeFileSync(
  configPath,
  ['# Written by npm run demo: loopback needs no politeness delay.', 'dataDir: .', 'hosts:', '  "127.0.0.1": { maxConcurrency: 4, minDelayMs: 0 }', ''].join('\n'),
);

const io: CliIo = { stdout: process.stdout, stderr: process.stderr, cwd: root, env: process.env, clock: Date.now };
const run = async (args: string[]): Promise<void> => {
  process.stdout.write(`\n$ memhole ${args.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}\n`);
  const code = await main(args, io);
  if (code !== 0) throw new Error(`memhole ${args[0]} exited with ${code}`);
};

const site = await startDemoSite();
try {
  process.stdout.write(`demo site (China Digital Times structure, local text) at ${site.url}/chinese/\n`);
  await run(['crawl', `${site.url}/chinese/feed`, `${site.url}/chinese/`, '--adapter', 'cdt', '--config', configPath]);
  await run(['export', 'markdown', exportDir, '--config', configPath]);
  const commented = site.articles.find((article) => article.hasComments) ?? site.articles[0];
  if (commented) await run(['show', commented.url, '--config', configPath]);
  process.stdout.write(
    [
      '',
      'Where everything is:',
      `  database     ${relative(root, join(dataDir, 'memhole.db'))} (pages, captures, blobs, articles, comments)`,
      `  config       ${relative(root, configPath)}`,
      `  markdown     ${relative(root, exportDir)}/cdt/<yyyy>/<mm>/*.md`,
      `  inspect      npm run memhole -- show cdt:${commented?.id ?? '700107'} --data ${relative(root, dataDir)}`,
      `  browse       npm run memhole -- serve --data ${relative(root, dataDir)}   (then open http://127.0.0.1:8357/)`,
      '',
    ].join('\n'),
  );
} finally {
  await site.close();
}
