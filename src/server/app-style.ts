/**
 * The app's one stylesheet, served from memory: readable Chinese text (CJK fonts first, generous line height),
 * and a layout that works from a phone-width window up.
 */
export const APP_CSS = `
:root { color-scheme: light dark; --line: #8884; --muted: #777; --removed: #c0392b; --alive: #2e7d32; --suspect: #b26a00; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.7 "Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
header.app { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem 1rem; border-bottom: 1px solid var(--line); }
header.app a.brand { font-weight: 700; text-decoration: none; }
header.app form { display: flex; flex: 1 1 16rem; gap: .4rem; }
header.app input[type=search] { flex: 1; min-width: 0; padding: .3rem .5rem; font: inherit; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.4rem; line-height: 1.4; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
.scroll { overflow-x: auto; }
.muted { color: var(--muted); }
.state { display: inline-block; padding: 0 .4rem; border-radius: .3rem; border: 1px solid currentColor; font-size: .85rem; }
.state-removed { color: var(--removed); } .state-suspect { color: var(--suspect); } .state-alive, .state-restored { color: var(--alive); }
tr.transition td { font-weight: 600; }
dl.card { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.card dt { color: var(--muted); }
article.snapshot img { max-width: 100%; height: auto; }
article.snapshot blockquote { margin: 0 0 0 1rem; padding-left: .8rem; border-left: 3px solid var(--line); }
iframe.archived { width: 100%; height: 70vh; border: 1px solid var(--line); }
img.screenshot { max-width: 100%; border: 1px solid var(--line); }
ul.comments { padding-left: 1.2rem; }
form.filters { display: flex; flex-wrap: wrap; gap: .4rem .8rem; align-items: center; margin-bottom: 1rem; }
form.filters input[type=search] { flex: 1 1 100%; padding: .3rem .5rem; font: inherit; }
ol.results { padding-left: 1.4rem; }
ol.results li.result { margin-bottom: 1rem; }
p.snippet { margin: .2rem 0; }
p.snippet mark { background: #ffe58a; color: inherit; padding: 0 .1em; }
/* The report's wide tables scroll inside their own box, never the page. */
div.report table { display: block; max-width: 100%; overflow-x: auto; }
nav.pager { display: flex; gap: 1rem; justify-content: center; margin: 1rem 0; }
@media (max-width: 40rem) {
  main { padding: .6rem; }
  th, td { padding: .25rem; }
  table.responsive thead { display: none; }
  table.responsive tr { display: block; border-bottom: 1px solid var(--line); padding: .3rem 0; }
  table.responsive td { display: block; border: 0; padding: 0 .2rem; }
  dl.card { grid-template-columns: 1fr; }
}
`;
