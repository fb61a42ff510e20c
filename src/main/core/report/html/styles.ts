import { trusted } from './html';

/**
 * The whole look, inline (the CSP allows nothing else). Colours follow the app's palette, with a
 * dark variant; print forces the light one and keeps rows and figures from splitting across pages.
 */
export const STYLES = trusted(`
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --panel: #ffffff; --text: #1b1e24; --muted: #646b78; --border: #dde1e7; --grid: #e6e9ee;
  --accent: #3d6df2; --ok: #1f8a4c; --error: #c53030; --warn: #b7791f; --warn-bg: #fff6e0; --base: #9aa1ad; --mem: #8b5cf6;
  --inconclusive: #8a5a00;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  font-size: 14px; line-height: 1.45; color: var(--text); background: var(--bg);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171c; --panel: #1d2027; --text: #e6e8ec; --muted: #9aa1ad; --border: #2d313a; --grid: #2a2e36;
    --accent: #7aa2f7; --ok: #4cc38a; --error: #f87171; --warn: #e0a84a; --warn-bg: #2e2614; --base: #5c6370; --mem: #b49cf8;
    --inconclusive: #e0a84a;
  }
}
* { box-sizing: border-box; }
body { margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 15px; margin: 18px 0 8px; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace; font-size: 12px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 10px; padding: 14px 16px; margin: 0 0 14px; }
.machine { font-size: 15px; margin: 0; overflow-wrap: anywhere; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 6px 0 0; padding: 0; list-style: none; }
.callout { border: 2px solid var(--warn); background: var(--warn-bg); border-radius: 8px; padding: 8px 12px; margin: 8px 0 12px; }
.callout strong { color: var(--warn); }
.callout ul { margin: 4px 0 0; padding-left: 20px; }
.callout.error { border-color: var(--error); }
.callout.error strong { color: var(--error); }
.table-wrap { overflow-x: auto; }
.data-table { width: 100%; border-collapse: collapse; font-size: 13px; margin: 6px 0; }
.data-table th, .data-table td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--border); vertical-align: middle; }
.data-table thead th { color: var(--muted); font-weight: 600; white-space: nowrap; }
.data-table .num { font-variant-numeric: tabular-nums; white-space: nowrap; text-align: right; }
.data-table.small { font-size: 12px; }
.results td:first-child { min-width: 190px; }
.results td:last-child { min-width: 220px; }
.data-table .id { display: block; color: var(--muted); font-size: 0.85em; }
.notes { margin: 0; padding: 0; list-style: none; font-size: 0.92em; color: var(--muted); }
.notes .warning { color: var(--warn); }
.legend-line { margin: 4px 0 0; font-size: 12px; color: var(--muted); }
.verdict-faster { color: var(--ok); font-weight: 600; }
.verdict-slower { color: var(--error); font-weight: 600; }
.verdict-same { color: var(--muted); }
/* Neither green nor red: the runs could not decide. Its own amber, darker than --warn so text meets 4.5:1 on white. */
.verdict-inconclusive { color: var(--inconclusive); font-weight: 600; }
.data-table .basis { font-weight: 400; }
/* A row and the reason under it read as one: no rule between them. */
.data-table tr.has-note > td { border-bottom: none; }
.data-table tr.verdict-note > td { padding: 0 8px 6px 20px; font-size: 12px; }
.status-completed { color: var(--ok); }
.status-failed, .status-cancelled { color: var(--error); font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px; }
figure { margin: 0; }
figure.chart { background: var(--panel); border: 1px solid var(--border); border-radius: 10px; padding: 12px 14px; }
figcaption { margin-bottom: 6px; }
figcaption .chart-title { font-weight: 600; display: block; }
figcaption .chart-summary { color: var(--muted); font-size: 12px; }
.chart-svg { display: block; width: 100%; height: auto; font-size: 12px; }
.chart-svg text { fill: var(--text); }
.chart-svg .tick, .chart-svg .axis-title, .chart-svg .legend text { fill: var(--muted); }
.chart-svg .grid { stroke: var(--grid); stroke-width: 1; }
.chart-svg .axis { stroke: var(--muted); stroke-width: 1; }
.chart-svg .series { fill: none; stroke: var(--accent); stroke-width: 2; }
.chart-svg .reference { fill: none; stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 5 4; }
.chart-svg .whisker { stroke: var(--text); stroke-width: 1.3; }
.chart-svg .dot { fill: var(--accent); stroke: var(--panel); stroke-width: 1; }
.chart-svg .bar-base { fill: var(--base); }
.chart-svg .bar-head { fill: var(--accent); }
.chart-svg .bar-head.verdict-faster { fill: var(--ok); }
.chart-svg .bar-head.verdict-slower { fill: var(--error); }
/* Hollow and dashed: a change was measured, but not established. */
.chart-svg .bar-head.verdict-inconclusive { fill: var(--inconclusive); fill-opacity: 0.2; stroke: var(--inconclusive); stroke-width: 1.2; stroke-dasharray: 3 2; }
.chart-svg .bar-label { fill: var(--text); font-size: 12px; }
.chart-svg .bar-note { fill: var(--text); font-variant-numeric: tabular-nums; }
.strip { display: block; }
.strip-dot { stroke: var(--accent); stroke-width: 3.2; stroke-linecap: round; opacity: 0.55; fill: none; }
.strip-outlier { stroke: var(--error); stroke-width: 3.6; stroke-linecap: round; fill: none; }
.strip-ci { fill: var(--accent); opacity: 0.18; }
.strip-median { stroke: var(--text); stroke-width: 2; }
.verdict-better { color: var(--ok); font-weight: 600; }
.verdict-worse { color: var(--error); font-weight: 600; }
.chart-svg .bar-head.verdict-better { fill: var(--ok); }
.chart-svg .bar-head.verdict-worse { fill: var(--error); }
.chart-svg .bar-head.verdict-same { fill: var(--accent); }
.score-card { display: grid; gap: 4px; }
.score { margin: 0; font-size: 15px; }
.score-value { font-size: 34px; font-weight: 700; margin-right: 4px; font-variant-numeric: tabular-nums; }
ol.findings { list-style: none; padding: 0; margin: 10px 0 0; }
.finding h4, .change h4 { margin: 0 0 6px; font-size: 14px; }
.finding p, .change p { margin: 4px 0; }
.evidence { margin: 2px 0 6px; padding-left: 20px; }
.excerpt { color: var(--muted); white-space: pre-wrap; }
pre.commands, pre.diff { background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; overflow-x: auto; font-size: 12px; margin: 6px 0; white-space: pre; }
details summary { cursor: pointer; color: var(--muted); font-size: 12px; margin-top: 6px; }
.overall { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 12px; font-weight: 600; margin-left: 6px; vertical-align: middle; color: var(--panel); }
.overall-good { background: var(--ok); }
.overall-bad { background: var(--error); }
.overall-neutral { background: var(--base); color: var(--text); }
.charts.wide { grid-template-columns: 1fr; }
.chart-svg .ts-line { fill: none; stroke-width: 1.8; stroke-linejoin: round; }
.chart-svg .ts-cpu { stroke: var(--accent); }
.chart-svg .ts-memory { stroke: var(--mem); }
.chart-svg .ts-gpu { stroke: var(--ok); }
.chart-svg .ts-power { stroke: var(--warn); }
.chart-svg .ts-alt { stroke-dasharray: 6 3; }
dl.telemetry { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 6px 16px; margin: 0; }
dl.telemetry dt { color: var(--muted); font-size: 12px; }
dl.telemetry dd { margin: 0; font-variant-numeric: tabular-nums; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print {
  :root {
    --bg: #fff; --panel: #fff; --text: #000; --muted: #4a505a; --border: #c9ced6; --grid: #e3e6ea;
    --accent: #2f5fd8; --ok: #17733e; --error: #b42323; --warn: #8a5a00; --warn-bg: #fff6e0; --base: #9aa1ad; --mem: #6d3fd6;
    --inconclusive: #8a5a00;
    font-size: 11px;
  }
  @page { size: A4; margin: 12mm; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  .card, figure.chart { border-radius: 0; break-inside: avoid; }
  .data-table { font-size: 10px; }
  .data-table thead { display: table-header-group; }
  .data-table tr, .callout, figure { break-inside: avoid; }
  .data-table tr.has-note { break-after: avoid; }
  h2, h3 { break-after: avoid; }
  section.run, section.comparison { break-before: page; }
  .finding, .change { break-inside: avoid; }
  pre.commands, pre.diff { white-space: pre-wrap; overflow-wrap: anywhere; }
  /* Side by side, a curve's 12-unit text would print at 7 px: one per row, at its natural size. */
  .charts { grid-template-columns: 1fr; }
  .charts .chart-svg { max-width: 560px; }
  .data-table.small { font-size: 10px; }
  .table-wrap { overflow: visible; }
  .strip { width: 140px; height: 20px; }
  .results td:first-child, .results td:last-child { min-width: 0; }
  .data-table th, .data-table td { padding: 3px 4px; }
  a { color: inherit; text-decoration: none; }
}
`);
