import { formatPercent } from '../../../../../shared/format-result';
import type { ProjectRef, Report } from '../../../../../shared/schemas/report';
import type {
  AppliedChange,
  Finding,
  MetricVerdict,
  TuningScore,
  Verification,
} from '../../../../../shared/schemas/tune';
import {
  changeCi,
  evidenceWhere,
  gainFormula,
  gainPoints,
  METRIC_VERDICT_LABEL,
  metricValue,
  OVERALL_LABEL,
  overallTone,
  pText,
  testsLine,
} from '../../tune-format';
import { formatTimestamp } from '../format';
import { html, type SafeHtml } from '../html';
import { comparisonBars, type ComparisonBarRow } from '../svg/comparison-bars';

function scoreCard(score: TuningScore | null, problems: ProjectRef['tuningProblems']): SafeHtml | null {
  if (score === null) return null;
  const parts = score.parts.map(
    (part) =>
      html`<tr>
        <td>${part.title}<span class="id">${part.findingId}</span></td>
        <td class="num">−${part.penalty.toFixed(1)}</td>
      </tr>`,
  );
  return html`<div class="card score-card" aria-label="Tuning score">
    <p class="score"><span class="score-value">${score.score}</span><span class="muted">/100 tuning score</span></p>
    <p class="small">${score.formula}</p>
    ${
      score.parts.length > 0
        ? html`<table class="data-table small" aria-label="Points lost per finding">
            <thead>
              <tr>
                <th scope="col">Open finding</th>
                <th scope="col" class="num">Points</th>
              </tr>
            </thead>
            <tbody>
              ${parts}
            </tbody>
          </table>`
        : null
    }${
      problems.length > 0
        ? html`<div class="callout">
            <strong>⚠ Rules that could not run</strong>
            <ul>
              ${problems.map((p) => html`<li><code>${p.ruleId}</code>: ${p.message}</li>`)}
            </ul>
          </div>`
        : null
    }
  </div>`;
}

function rankingTable(findings: readonly Finding[]): SafeHtml {
  const rows = findings.map((f, i) => {
    const r = f.ranking;
    return html`<tr>
      <td class="num">${i + 1}</td>
      <td>
        <a href="#finding-${i + 1}">${f.rule.title}</a
        ><span class="id">${f.id}${f.rule.automatic ? '' : ' · advice'}</span>
      </td>
      <td><code>${evidenceWhere(f)}</code></td>
      <td class="num">${gainPoints(f)}</td>
      <td class="num">${r.pImprove.toFixed(2)} [${r.pLow.toFixed(2)}–${r.pHigh.toFixed(2)}]</td>
      <td class="num">${formatPercent(r.effect, false)}</td>
      <td>${f.rule.risk} · ${f.rule.effort}</td>
    </tr>`;
  });
  return html`<div class="table-wrap">
    <table class="data-table" aria-label="Findings ranked by expected gain">
      <thead>
        <tr>
          <th scope="col" class="num">#</th>
          <th scope="col">Finding</th>
          <th scope="col">Where</th>
          <th scope="col" class="num">Expected gain</th>
          <th scope="col" class="num">P(improves) [90 %]</th>
          <th scope="col" class="num">Effect</th>
          <th scope="col">Risk · effort</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

function findingCard(f: Finding, rank: number): SafeHtml {
  const evidence = f.evidence.map(
    (e) =>
      html`<li>
        <code>${e.file}${e.line ? `:${e.line}` : ''}</code
        >${e.excerpt ? html` <code class="excerpt">${e.excerpt}</code>` : null}
      </li>`,
  );
  return html`<li class="card finding" id="finding-${rank}">
    <h4>${rank}. ${f.rule.title} <span class="muted small">${f.id}</span></h4>
    <p>${f.message}</p>
    <p class="small muted">
      ${f.rule.stack} · risk ${f.rule.risk} · effort ${f.rule.effort} · targets ${f.rule.metrics.join(', ')} ·
      ${f.rule.automatic ? 'Tunebench can write this change' : 'advice: make the change yourself'}
    </p>
    <p class="small">
      <strong>Expected gain ${gainPoints(f)}</strong> = ${gainFormula(f)};
      ${
        f.ranking.outcomes > 0
          ? `learned from ${f.ranking.outcomes} outcome(s) in ${f.ranking.projects} project(s)`
          : 'no outcome recorded yet: the rule’s prior only'
      }
    </p>
    ${
      f.current !== null || f.proposed !== null
        ? html`<p class="small">
            ${f.current !== null ? html`current <code>${f.current}</code>` : null}${
              f.current !== null && f.proposed !== null ? ' → ' : null
            }${f.proposed !== null ? html`proposed <code>${f.proposed}</code>` : null}
          </p>`
        : null
    }${
      f.evidence.length > 0
        ? html`<p class="small">Evidence:</p>
            <ul class="evidence small">
              ${evidence}
            </ul>`
        : null
    }${f.warning ? html`<div class="callout"><strong>⚠ Before applying:</strong> ${f.warning}</div>` : null}${
      f.commands.length > 0
        ? html`<p class="small">Commands to run yourself (Tunebench never runs them):</p>
            <pre class="commands">${f.commands.join('\n')}</pre>`
        : null
    }
    <p class="small muted">Why: ${f.rule.rationale} Reference: ${f.rule.reference.title} (${f.rule.reference.url})</p>
  </li>`;
}

const BAR_VERDICT = {
  better: 'faster',
  worse: 'slower',
  same: 'no significant change',
  inconclusive: 'inconclusive',
} as const;

/** Each metric normalised to its baseline median = 100 %, whiskers from each side's 95 % CI. */
function barRows(metrics: readonly MetricVerdict[]): ComparisonBarRow[] {
  return metrics
    .filter((m) => m.baseline.median !== 0)
    .map((m) => {
      const scale = (v: number) => (v / m.baseline.median) * 100;
      const side = (s: MetricVerdict['baseline']) => ({
        value: scale(s.median),
        ci: s.low === s.high ? null : ([scale(s.low), scale(s.high)] as const),
        n: s.n,
      });
      return {
        title: m.title,
        unit: m.unit,
        direction: 'lower-is-better' as const,
        verdict: BAR_VERDICT[m.verdict],
        change: m.change,
        base: side(m.baseline),
        head: side(m.candidate),
        ...(m.reason ? { reason: m.reason } : {}),
        // Inconclusive keeps the chart's own hollow bar and its key; the others use tune's words and colours.
        ...(m.verdict === 'inconclusive'
          ? {}
          : { verdictText: m.verdict === 'same' ? '~' : m.verdict, verdictClass: `verdict-${m.verdict}` }),
      };
    });
}

/** The reason under its row, not only in a tooltip: "inconclusive" is only honest when the reader sees why. */
function reasonRow(m: MetricVerdict): SafeHtml | null {
  if (m.verdict !== 'inconclusive') return null;
  return html`<tr class="verdict-note">
    <td colspan="6">
      <strong class="verdict-inconclusive">Why inconclusive:</strong> ${m.reason ?? 'the comparison cannot be decided'}
    </td>
  </tr>`;
}

function metricsTable(change: AppliedChange, metrics: readonly MetricVerdict[]): SafeHtml {
  const side = (m: MetricVerdict, s: MetricVerdict['baseline']) =>
    `${metricValue(s.median, m.unit)} (${s.n})${s.low === s.high ? '' : ` [${metricValue(s.low, m.unit)}–${metricValue(s.high, m.unit)}]`}`;
  const rows = metrics.map(
    (m) =>
      html`<tr>
          <td>${m.title}<span class="id">${m.metric} · lower is better</span></td>
          <td class="num">${side(m, m.baseline)}</td>
          <td class="num">${side(m, m.candidate)}</td>
          <td class="num">${formatPercent(m.change)} ${changeCi(m)}</td>
          <td class="num">${pText(m.pValue)}</td>
          <td class="verdict-${m.verdict}">${METRIC_VERDICT_LABEL[m.verdict]}</td>
        </tr>
        ${reasonRow(m)}`,
  );
  return html`<div class="table-wrap">
    <table class="data-table" aria-label="Before/after of change ${change.id}">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" class="num">Before: median (n) [95 % CI]</th>
          <th scope="col" class="num">After: median (n) [95 % CI]</th>
          <th scope="col" class="num">Change [95 % CI]</th>
          <th scope="col" class="num">p</th>
          <th scope="col">Verdict</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/**
 * Inconclusive is neither green nor red nor the grey of "no change": the amber of the comparisons' inconclusive
 * verdicts (the page's CSP allows inline styles; the shared stylesheet has no badge class for it).
 */
const INCONCLUSIVE_BADGE = 'background: var(--inconclusive); color: var(--panel)';

function overallBadge(v: Verification | null): SafeHtml {
  if (!v) return html`<span class="overall overall-neutral">not verified</span>`;
  const label = OVERALL_LABEL[v.overall];
  if (v.overall === 'inconclusive') {
    return html`<span class="overall" data-verdict="inconclusive" style="${INCONCLUSIVE_BADGE}">${label}</span>`;
  }
  return html`<span class="overall overall-${overallTone(v.overall)}" data-verdict="${v.overall}">${label}</span>`;
}

function changeCard(change: AppliedChange): SafeHtml {
  const v = change.verification;
  const tone = v ? overallTone(v.overall) : 'neutral';
  const badge = overallBadge(v);
  const rows = v ? barRows(v.metrics) : [];
  const chartTitle = `Before/after of change #${change.id}, normalised to before = 100 %`;
  const chart =
    rows.length > 0
      ? html`<figure class="chart" data-chart="change" aria-label="${chartTitle}">
          <figcaption>
            <span class="chart-title">${chartTitle}</span
            ><span class="chart-summary"
              >each metric in its own unit, shown as % of its median before the change (lower is better); whiskers: 95 %
              CI of each median; n per side on the right</span
            >
          </figcaption>
          ${comparisonBars(chartTitle, rows, { base: 'before', head: 'after' })}
        </figure>`
      : null;
  const tests = testsLine(change);
  const testsFailed = v?.tests.ran === true && v.tests.passed === false;
  return html`<article class="card change" id="change-${change.id}" aria-label="Change ${change.id}">
    <h4>#${change.id} <code>${change.findingId}</code> ${badge}</h4>
    <p class="small muted">
      rule ${change.ruleId} ·
      ${change.status}${change.branch ? html` · branch <code>${change.branch}</code>` : null}${
        change.commit ? html` · commit <code>${change.commit.slice(0, 12)}</code>` : null
      }
      · ${formatTimestamp(change.createdAt)}${change.merged ? ` · ${change.merged}` : ''}
    </p>
    ${v ? html`<p class="${tone === 'bad' ? 'verdict-worse' : ''}">${v.summary}</p>` : null}${
      v && v.metrics.length > 0 ? metricsTable(change, v.metrics) : null
    }${chart}${tests ? html`<p class="small ${testsFailed ? 'verdict-worse' : ''}">${tests}</p>` : null}${
      v && v.warnings.length > 0
        ? html`<div class="callout">
            <strong>⚠ Read with care</strong>
            <ul>
              ${v.warnings.map((w) => html`<li>${w}</li>`)}
            </ul>
          </div>`
        : null
    }${change.note ? html`<p class="small muted">${change.note}</p>` : null}${
      testsFailed && v!.tests.output
        ? html`<details>
            <summary>Failing test output</summary>
            <pre class="diff">${v!.tests.output}</pre>
          </details>`
        : null
    }${
      change.diff
        ? html`<details>
            <summary>Diff</summary>
            <pre class="diff">${change.diff}</pre>
          </details>`
        : null
    }
  </article>`;
}

/** Score with its formula, the findings ranked with their evidence, each applied change measured. */
export function recommendationsSection(report: Report): SafeHtml | null {
  const score = report.project?.tuningScore ?? null;
  if (score === null && report.findings.length === 0 && report.appliedChanges.length === 0) return null;
  return html`<section class="recommendations" id="recommendations" aria-label="Recommendations">
    <h2>Recommendations</h2>
    ${scoreCard(score, report.project?.tuningProblems ?? [])}
    <h3>Findings, ranked by expected gain</h3>
    ${
      report.findings.length > 0
        ? html`<p class="legend-line">
              Expected gain = P(improves) × expected effect ÷ effort (low 1, medium 2, high 4); P(improves) is the mean
              of a Beta posterior with its 90 % credible interval.
            </p>
            ${rankingTable(report.findings)}
            <ol class="findings">
              ${report.findings.map((f, i) => findingCard(f, i + 1))}
            </ol>`
        : html`<p class="muted">No findings: every rule that applies to this project is satisfied.</p>`
    }
    <h3>Applied changes</h3>
    ${
      report.appliedChanges.length > 0
        ? report.appliedChanges.map(changeCard)
        : html`<p class="muted">No change verified in this project yet.</p>`
    }
  </section>`;
}

/** Entries of a v1 report's placeholder lists, shown as they were (never silently dropped). */
export function legacySection(report: Report): SafeHtml | null {
  const legacy = report.legacy;
  if (!legacy) return null;
  return html`<section aria-label="Findings from an older report">
    <h2>Findings recorded by an older Tunebench</h2>
    <p class="small muted">${legacy.note}</p>
    <ul>
      ${legacy.findings.map((f) => html`<li><strong>${f.title}</strong> <span class="muted">(${f.rule})</span>: ${f.evidence}</li>`)}${legacy.appliedChanges.map(
        (c) => html`<li>applied change <strong>${c.rule}</strong>: ${c.verdict}</li>`,
      )}
    </ul>
  </section>`;
}
