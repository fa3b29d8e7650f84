/**
 * The shell of a standalone HTML report: one file, no scripts, no network. A Content-Security-Policy of
 * `default-src 'none'` lets the browser load nothing but the page itself (inline styles and inline SVG); colours
 * follow the reader's light or dark mode, and printing uses the light colours with every fold open.
 */
import { escapeHtml } from './html-escape.js';

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --border: #d1d9e0;
  --grid: #e6e9ec; --pass: #1a7f37; --fail: #cf222e; --code: #f6f8fa; --note: #ddf4ff; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --border: #3d444d; --grid: #262c36; --pass: #3fb950;
    --fail: #f85149; --code: #151b23; --note: #0c2d48; }
}
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); max-width: 1000px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin: 0 0 .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
.muted, figcaption, footer { color: var(--muted); }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--border); padding: .2rem .6rem; vertical-align: top; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
section.plan { border-top: 1px solid var(--border); margin-top: 2rem; padding-top: 1rem; }
.pass { color: var(--pass); } .fail { color: var(--fail); }
.notice { background: var(--note); border-radius: 6px; padding: .4rem .8rem; margin: .5rem 0; }
figure { margin: .75rem 0 1.25rem; } figcaption { font-size: .9rem; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg .chart-title { font-size: 14px; font-weight: 600; fill: var(--fg); }
svg .tick, svg .caption { font-size: 11px; fill: var(--muted); }
svg .label, svg .value { font-size: 12px; fill: var(--fg); } svg .strong { font-weight: 700; }
svg .grid { stroke: var(--grid); stroke-width: 1; }
.legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem;
  font-size: .9rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .35em;
  vertical-align: -.05em; }
pre { background: var(--code); padding: .5rem .75rem; border-radius: 6px; overflow-x: auto; }
ul.sources li { margin-bottom: .25rem; }
@media print {
  :root { color-scheme: light; --fg: #000; --muted: #444; --bg: #fff; --border: #999; --grid: #ddd; --pass: #1a7f37;
    --fail: #cf222e; --code: #f4f4f4; --note: #eef6fc; }
  body { margin: 0; max-width: none; font-size: 11pt; }
  details::details-content { content-visibility: visible; display: block; }
  figure, table, pre { break-inside: avoid; }
  section.plan { break-before: page; border-top: none; }
  section.plan:first-of-type { break-before: auto; }
}
`;

/** A whole page: `title` (plain text) and `body` (HTML, already escaped where it holds user text). */
export function htmlPage(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
