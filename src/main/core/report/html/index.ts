import type { Report } from '../../../../shared/schemas/report';
import { formatTimestamp } from './format';
import { html, type SafeHtml } from './html';
import { comparisonSection } from './sections/comparison';
import { machineCard } from './sections/machine';
import { overview } from './sections/overview';
import { runDetails } from './sections/run-details';
import { STYLES } from './styles';

function project(report: Report): SafeHtml | null {
  const p = report.project;
  if (p === null) return null;
  const where = [p.branch, p.dirty === null ? null : p.dirty ? 'uncommitted changes' : 'clean'].filter(Boolean);
  return html`<p class="small">
    Project
    <code>${p.root}</code
    >${p.commit ? html` at commit <code>${p.commit}</code>` : ' (no commit recorded)'}${where.length > 0 ? ` (${where.join(', ')})` : ''}
  </p>`;
}

function findings(report: Report): SafeHtml | null {
  if (report.findings.length === 0) return null;
  return html`<section aria-label="Findings">
    <h2>Findings</h2>
    <ul>
      ${report.findings.map((f) => html`<li><strong>${f.title}</strong> <span class="muted">(${f.rule})</span>: ${f.evidence}</li>`)}
    </ul>
  </section>`;
}

/** The report as one self-contained HTML document: summary on top, every run and comparison below. */
export function renderHtmlReport(report: Report): string {
  const title = `Tunebench report, ${formatTimestamp(report.generatedAt)}`;
  const body = html`<main>
    <header>
      <h1>Tunebench report</h1>
      <p class="muted small">
        Generated ${formatTimestamp(report.generatedAt)} by ${report.tool.name} ${report.tool.version} · report schema
        ${report.schema} v${report.version} · the JSON report holds every raw sample
      </p>
      ${project(report)}
    </header>
    ${machineCard(report.machine)}${overview(report)}${findings(report)}${report.comparisons.map((c, i) => comparisonSection(report, c, i))}${report.runs.map(runDetails)}
    <footer>
      Medians with distribution-free 95 % confidence intervals; comparisons use a bootstrap CI of the change and the
      Mann–Whitney U test. Strip plots show at most 300 dots per benchmark; every statistic uses all samples.
    </footer>
  </main>`;
  return `<!doctype html>\n${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <!-- Nothing may leave the page: it is opened from mail and disk, and printed to PDF by Chromium. -->
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>${title}</title>
        <style>
          ${STYLES}
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`.html
  }\n`;
}
