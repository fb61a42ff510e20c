import type { Report } from '../../../../shared/schemas/report';
import { formatTimestamp } from './format';
import { html, type SafeHtml } from './html';
import { comparisonSection } from './sections/comparison';
import { machineCard } from './sections/machine';
import { overview } from './sections/overview';
import { legacySection, recommendationsSection } from './sections/recommendations';
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

/** The runs summary; a recommendations report without runs leaves it out rather than saying "no runs". */
function runsOverview(report: Report): SafeHtml | null {
  const tuning = Boolean(report.project?.tuningScore) || report.appliedChanges.length > 0;
  return report.runs.length === 0 && tuning ? null : overview(report);
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
    ${machineCard(report.machine)}${recommendationsSection(report)}${runsOverview(report)}${legacySection(report)}${report.comparisons.map((c, i) => comparisonSection(report, c, i))}${report.runs.map(runDetails)}
    <footer>
      Medians with distribution-free 95 % confidence intervals; comparisons use a bootstrap CI of the change and the
      Mann–Whitney U test. Strip plots show at most 300 dots per benchmark; every statistic uses all samples. Telemetry
      charts show at most 300 points per run (a longer run is averaged per time slice).
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
