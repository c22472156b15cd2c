/** A diff view between any two versions of a page (by default the last two), side by side, word by word. */
import { diffTableHtml } from '../../report/diff-html.ts';
import { describeStats } from '../../report/text-diff.ts';
import { diffArticleVersions, numberedVersions } from '../../report/version-diff.ts';
import type { PageRow, Store } from '../../../storage/types.ts';
import { html, raw, type SafeHtml } from '../html.ts';

export type DiffViewResult = { ok: true; title: string; body: SafeHtml } | { ok: false; status: 400 | 404; message: string };

export async function diffView(store: Store, page: PageRow, fromParam: string | null, toParam: string | null): Promise<DiffViewResult> {
  const versions = await numberedVersions(store, page.id);
  if (versions.length < 2) return { ok: false, status: 404, message: `${page.canonicalKey} has ${versions.length} version${versions.length === 1 ? '' : 's'}: nothing to compare.` };
  const pick = (param: string | null, fallback: number): number | null => {
    if (param === null || param === '') return fallback;
    const number = Number(param.replace(/^v/, ''));
    return Number.isInteger(number) && number >= 1 && number <= versions.length ? number : null;
  };
  const from = pick(fromParam, versions.length - 1);
  const to = pick(toParam, versions.length);
  if (from === null || to === null) return { ok: false, status: 400, message: `Versions of ${page.canonicalKey} are numbered 1 to ${versions.length}.` };
  const result = diffArticleVersions(page, versions[from - 1]!, versions[to - 1]!);
  const options = (selected: number) => versions.map((v) => html`<option value="${v.number}"${v.number === selected ? raw(' selected') : ''}>v${v.number}</option>`);
  const title = `${page.canonicalKey}: v${from} → v${to}`;
  return {
    ok: true,
    title,
    body: html`
<link rel="stylesheet" href="/static/report.css">
<p><a href="/pages/${page.id}">← timeline</a></p>
<h1>${versions[to - 1]!.article.title}</h1>
<form class="diff-pick" action="/diff" method="get">
<input type="hidden" name="page" value="${page.id}">
<label>from <select name="from">${options(from)}</select></label>
<label>to <select name="to">${options(to)}</select></label>
<button type="submit">compare</button>
</form>
<p class="diff-stats">${describeStats(result.diff.stats)}</p>
<div class="scroll">${raw(diffTableHtml(result.diff, { from: `${result.from.label} (${result.from.capturedAt})`, to: `${result.to.label} (${result.to.capturedAt})` }))}</div>`,
  };
}
