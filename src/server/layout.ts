/**
 * The frame of every app page: head, the header with the search box, and small formatters shared by views.
 * App pages run no script at all (their Content-Security-Policy says so), so every view is plain HTML.
 */
import { toShanghaiIso } from '../../crawlers/common/dates.ts';
import type { PageState } from '../../storage/types.ts';
import { html, type SafeHtml } from './html.ts';

export interface PageFrame {
  title: string;
  body: SafeHtml;
  /** The query to show in the header's search box. */
  query?: string;
}

export function layout(frame: PageFrame): string {
  return html`<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${frame.title} · memhole</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="alternate" type="application/atom+xml" title="Removals" href="/feed.atom">
</head>
<body>
<header class="app">
<a class="brand" href="/">memhole</a>
<form action="/search" method="get" role="search">
<input type="search" name="q" value="${frame.query ?? ''}" placeholder="搜索存档 / search the archive" aria-label="search">
<button type="submit">搜索</button>
</form>
<nav><a href="/report">removals</a></nav>
</header>
<main>
${frame.body}
</main>
</body>
</html>
`.value;
}

/** A moment as archivists of Chinese media read it: Beijing time, to the second. */
export function when(at: number | null): string {
  return at === null ? '—' : toShanghaiIso(at).replace('T', ' ').replace(/\+08:00$/, ' +08');
}

export function stateBadge(state: PageState | string | null): SafeHtml {
  return state ? html`<span class="state state-${state}" data-state="${state}">${state}</span>` : html``;
}
