/**
 * `memhole status`: counts by state, what is due, recent removals and adapter warnings; `--json` lists every
 * page not alive with its state, removal kind and evidence.
 */
import { toShanghaiIso } from '../../../crawlers/common/dates.ts';
import { formatDuration } from '../../config/duration.ts';
import { archiveStatus } from '../../recheck/status.ts';
import { openApp, type GlobalOptions } from '../app.ts';
import { EXIT, type CliIo } from '../io.ts';

export interface StatusCommandOptions extends GlobalOptions {
  json?: boolean;
}

export async function statusCommand(options: StatusCommandOptions, io: CliIo): Promise<number> {
  const app = await openApp(io, options);
  try {
    const now = io.clock();
    const status = await archiveStatus(app.store, now);
    if (options.json) {
      io.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      return EXIT.ok;
    }
    const states = Object.entries(status.byState).map(([state, n]) => `${state} ${n}`).join(', ');
    const lines = [
      `${status.pages} tracked pages: ${states}`,
      `due now ${status.due.now}, in the next 24 h ${status.due.next24h}${status.due.nextAt && status.due.nextAt > now ? ` (next in ${formatDuration(status.due.nextAt - now)})` : ''}`,
    ];
    if (status.recentRemovals.length) {
      lines.push('', 'removed in the last 7 days:');
      for (const removal of status.recentRemovals) {
        const who = removal.removedBy ? `, by ${removal.removedBy}` : '';
        lines.push(`  ${toShanghaiIso(removal.at)}  ${removal.key}  ${removal.removalKind ?? ''}${who}${removal.notice ? ` (${removal.notice})` : ''}`);
      }
    }
    const watch = status.notAlive.filter((page) => page.state !== 'removed');
    if (watch.length) {
      lines.push('', 'not alive:');
      for (const page of watch) lines.push(`  ${page.state.padEnd(11)} ${page.key}  since ${toShanghaiIso(page.since)}${page.removalKind ? `  ${page.removalKind}` : ''}`);
    }
    const origins = status.notAlive.filter((page) => page.kind === 'origin' && page.state === 'removed');
    if (origins.length) {
      lines.push('', 'originals removed while the archived copy lives on:');
      for (const origin of origins) {
        const copies = origin.citedBy.map((c) => `${c.key} (${c.state}, archived ${toShanghaiIso(c.archivedAt).slice(0, 10)})`).join(', ');
        const when = origin.removedBeforeFirstCheck ? 'gone before its first check' : `removed ${toShanghaiIso(origin.since)}`;
        lines.push(`  ${origin.url}  ${when}; cited by ${copies}`);
      }
    }
    for (const warning of status.adapterWarnings) lines.push('', `warning: ${warning.message}`);
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    await app.close();
  }
}
