/**
 * `memhole show <url|key>`: one page as the archive holds it: identity, aliases, every capture, the latest
 * article version with its card, and its comment thread.
 */
import { toShanghaiIso } from '../../../crawlers/common/dates.ts';
import { normalizeUrl, urlKey } from '../../archive/identity.ts';
import { threadTree } from '../../export/markdown-tree.ts';
import type { PageRow, Store } from '../../../storage/types.ts';
import { openApp, type GlobalOptions } from '../app.ts';
import { CliError, EXIT, type CliIo } from '../io.ts';
import { adapterForUrl } from '../../../crawlers/index.ts';

export interface ShowCommandOptions extends GlobalOptions {
  json?: boolean;
}

export async function showCommand(target: string, options: ShowCommandOptions, io: CliIo): Promise<number> {
  const app = await openApp(io, options);
  try {
    const page = await findPage(app.store, target);
    if (!page) throw new CliError(`nothing archived for "${target}"; give a URL crawled before or a key such as cdt:685611`, EXIT.notFound);
    const [urls, captures, versions, thread] = await Promise.all([
      app.store.pageUrls(page.id),
      app.store.listCaptures(page.id),
      app.store.listArticles(page.id),
      app.store.latestThread(page.id),
    ]);
    const latest = versions.at(-1) ?? null;
    const comments = thread ? await threadTree(app.store, thread) : null;
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ page, urls, captures, versions: versions.length, article: latest, thread: comments }, null, 2)}\n`);
      return EXIT.ok;
    }
    const lines = [
      `${page.canonicalKey}  (${page.sourceId}, ${page.kind}, ${page.state} since ${toShanghaiIso(page.stateSince)})`,
      ...urls.map((url) => `  url  ${url}`),
      '',
      `captures (${captures.length}):`,
      ...captures.map(
        (c) =>
          `  #${c.id} ${toShanghaiIso(c.capturedAt)} ${c.how.padEnd(6)} ${c.status ?? '---'} ${c.failureKind ?? ''}${c.bodySize !== null ? ` ${c.bodySize} bytes` : ''}${c.finalUrl !== c.requestedUrl ? ` -> ${c.finalUrl}` : ''}`,
      ),
    ];
    if (latest) {
      lines.push('', `article (version ${versions.length} of ${versions.length}, ${latest.extractorVersion}):`);
      const fields: [string, string | null][] = [
        ['title', latest.title],
        ['author', latest.author],
        ['published', latest.publishedText && `${latest.publishedText} (${latest.publishedAt ?? 'unparsed'})`],
        ['origin', latest.originUrl && `${latest.originName ?? ''} ${latest.originUrl}`.trim()],
        ['topics', latest.topics.map((t) => t.name).join(', ') || null],
        ['collection', latest.collection?.name ?? null],
        ['copyright', latest.copyright],
        ['tags', latest.tags.join(', ') || null],
        ['text', `${latest.text.length} characters, hash ${latest.textHash.slice(0, 12)}`],
      ];
      for (const [name, value] of fields) if (value) lines.push(`  ${name.padEnd(10)} ${value}`);
    }
    if (comments) {
      const replies = comments.comments.reduce((n, c) => n + c.replies.length, 0);
      lines.push('', `comments: ${comments.comments.length} with ${replies} replies (${comments.intro ?? ''})`);
    }
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    await app.close();
  }
}

/** A page by canonical key, by URL alias, or by the key its adapter gives the URL. */
async function findPage(store: Store, target: string): Promise<PageRow | null> {
  const byKey = await store.getPageByKey(target);
  if (byKey || !URL.canParse(target)) return byKey;
  const byUrl = (await store.getPageByUrl(target)) ?? (await store.getPageByUrl(normalizeUrl(target)));
  if (byUrl) return byUrl;
  const adapterKey = adapterForUrl(target)?.canonicalKey(target);
  return (adapterKey ? await store.getPageByKey(adapterKey) : null) ?? store.getPageByKey(urlKey(target));
}
