/**
 * Starts the demo site by hand and prints its URL and articles: `npx tsx scripts/demo-site/serve.ts
 * [--port 4000] [--host 127.0.0.1]`. Stops on Ctrl-C.
 */
import { startDemoSite } from './server.ts';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const port = option('port');
const site = await startDemoSite({ port: port ? Number(port) : 0, host: option('host') ?? '127.0.0.1' });
console.log(`demo site: ${site.url}/chinese/`);
console.log(`feed:      ${site.url}/chinese/feed`);
for (const article of site.articles) console.log(`  ${site.url}${article.path}  ${article.title}`);
for (const path of site.deadPaths) console.log(`  ${site.url}${path}  (deleted: answers 404)`);

const stop = (): void => {
  void site.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
