/**
 * `memhole show <url|key>`: one page as the archive holds it: identity, aliases, every capture, the latest
 * article version with its card, and its comment thread.
 */
import { toShanghaiIso } from '../../../crawlers/common/dates.ts';
import { threadTree } from '../../export/markdown-tree.ts';
import { openApp, type GlobalOptions } from '../app.ts';
import { CliError, EXIT, type CliIo } from '../io.ts';
import { findPage } from '../page-target.ts';

export interface ShowCommandOptions extends GlobalOptions {
  json?: boolean;
}

export async function showCommand(target: string, options: ShowCommandOptions, io: CliIo): Promise<number> {
  const app = await openApp(io, options);
  try {
    const page = await findPage(app.store, target);
    if (!page) throw new CliError(`nothing archived for "${target}"; give a URL crawled before or a key such as cdt:685611`, EXIT.notFound);
    const [urls, captures, versions, thread, checks, events, origins] = await Promise.all([
      app.store.pageUrls(page.id),
      app.store.listCaptures(page.id),
      app.store.listArticles(page.id),
      app.store.latestThread(page.id),
      app.store.listChecks(page.id),
      app.store.listEvents({ pageId: page.id }),
      app.store.linkedPages(page.id, 'from'),
    ]);
    const latest = versions.at(-1) ?? null;
    const comments = thread ? await threadTree(app.store, thread) : null;
    if (options.json) {
      const originPages = origins.map((link) => ({ key: link.page.canonicalKey, url: link.page.url, state: link.page.state }));
      io.stdout.write(`${JSON.stringify({ page, urls, captures, versions: versions.length, article: latest, thread: comments, checks, events, origins: originPages }, null, 2)}\n`);
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
    for (const origin of origins) lines.push('', `original  ${origin.page.url}  (${origin.page.state} since ${toShanghaiIso(origin.page.stateSince)})`);
    if (checks.length) {
      lines.push('', `checks (${checks.length}, latest ${Math.min(checks.length, 10)}):`);
      for (const check of checks.slice(-10)) {
        const evidence = [check.status ?? check.failureKind ?? '', check.notice ?? ''].filter(Boolean).join(' ');
        lines.push(`  ${toShanghaiIso(check.checkedAt)} ${check.outcome.padEnd(17)} ${evidence}`.trimEnd());
      }
    }
    if (events.length) {
      lines.push('', 'events:');
      for (const event of events) {
        const move = event.toState ? `${event.fromState} -> ${event.toState}` : `version ${event.fromArticleId} -> ${event.toArticleId}`;
        lines.push(`  ${toShanghaiIso(event.at)} ${event.kind.padEnd(10)} ${move}${event.removalKind ? ` (${event.removalKind})` : ''}  checks ${event.checkIds.join(', ')}`);
      }
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
