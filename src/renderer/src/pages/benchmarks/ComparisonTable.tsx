import { Fragment, useId } from 'react';
import { formatPercent, formatValue } from '../../../../shared/format-result';
import type { Comparison, RunComparison, Verdict } from '../../../../shared/schemas/bench';
import { noiseFloorText, roundsText } from '../../../../shared/verdict-basis';

const VERDICTS: readonly Verdict[] = ['faster', 'slower', 'no significant change', 'inconclusive'];

/** Green and red only for a decided change: "inconclusive" gets its own neutral amber, never either. */
export function verdictClass(verdict: Verdict): string {
  return verdict === 'no significant change' ? 'verdict-same' : `verdict-${verdict}`;
}

/** How many benchmarks got each verdict, every verdict listed (a zero says as much as a count). */
export function verdictCounts(comparison: RunComparison): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const row of comparison.rows) counts[row.comparison.verdict] += 1;
  return counts;
}

/**
 * What a verdict rests on beyond one run's samples: the rounds of separate runs, and the between-run noise floor
 * learned from history that the change had to clear. Null when neither applies (plain samples).
 */
export function verdictBasis(comparison: Comparison): string | null {
  const parts: string[] = [];
  if (comparison.basis === 'rounds') parts.push(roundsText(comparison.rounds?.[0], comparison.rounds?.[1]));
  if (comparison.noiseFloor) parts.push(noiseFloorText(comparison.noiseFloor));
  return parts.length > 0 ? parts.join(' · ') : null;
}

function VerdictCounts({ comparison }: { comparison: RunComparison }) {
  const counts = verdictCounts(comparison);
  return (
    <p className="small" data-testid="comparison-counts">
      {VERDICTS.map((verdict, i) => (
        <Fragment key={verdict}>
          {i > 0 ? ' · ' : ''}
          <span className={verdictClass(verdict)}>
            {counts[verdict]} {verdict}
          </span>
        </Fragment>
      ))}
    </p>
  );
}

/**
 * The reason under its row, not only in a tooltip: an inconclusive verdict is only honest when the reader sees
 * why, and what would decide it.
 */
function ReasonRow({ comparison, id }: { comparison: Comparison; id: string }) {
  return (
    <tr className="verdict-note">
      <td colSpan={6} id={id}>
        {comparison.verdict === 'inconclusive' ? (
          <strong className="verdict-inconclusive">Why inconclusive:</strong>
        ) : (
          <strong>Note:</strong>
        )}{' '}
        {comparison.reason}
      </td>
    </tr>
  );
}

/**
 * Reasons shared by several rows (a run flagged busy makes every row inconclusive for the same reason), numbered in
 * order of first use: they are written once under the table and each row points at its number.
 */
export function sharedReasons(comparison: RunComparison): Map<string, number> {
  const uses = new Map<string, number>();
  for (const row of comparison.rows) {
    const reason = row.comparison.reason;
    if (reason) uses.set(reason, (uses.get(reason) ?? 0) + 1);
  }
  const shared = new Map<string, number>();
  for (const [reason, count] of uses) if (count > 1) shared.set(reason, shared.size + 1);
  return shared;
}

/** benchstat-style: base and head medians, the change with its CI, p-value and verdict (and why, if undecided). */
export function ComparisonTable({ comparison }: { comparison: RunComparison }) {
  const noteIds = useId();
  const shared = sharedReasons(comparison);
  const sharedId = (n: number) => `${noteIds}-shared-${n}`;
  return (
    <>
      <VerdictCounts comparison={comparison} />
      <table
        className="data-table"
        aria-label={`Run ${comparison.baseRunId} compared with run ${comparison.headRunId}`}
      >
        <thead>
          <tr>
            <th scope="col">Benchmark</th>
            <th scope="col">Base</th>
            <th scope="col">This run</th>
            <th scope="col">Change [95 % CI]</th>
            <th scope="col">p</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {comparison.rows.map((row, index) => {
            const c = row.comparison;
            const basis = verdictBasis(c);
            const footnote = c.reason ? shared.get(c.reason) : undefined;
            const noteId = footnote !== undefined ? sharedId(footnote) : `${noteIds}-${index}`;
            return (
              <Fragment key={row.id}>
                <tr className={c.reason && footnote === undefined ? 'has-note' : undefined}>
                  <th scope="row">{row.title}</th>
                  <td className="num">
                    {formatValue(row.baseMedian, row.unit)} (n={row.baseN})
                  </td>
                  <td className="num">
                    {formatValue(row.headMedian, row.unit)} (n={row.headN})
                  </td>
                  <td className="num">
                    {formatPercent(c.relativeChange)} [{formatPercent(c.ci[0])}, {formatPercent(c.ci[1])}]
                  </td>
                  <td className="num">{c.pValue < 0.001 ? '<0.001' : c.pValue.toFixed(3)}</td>
                  <td
                    className={verdictClass(c.verdict)}
                    title={c.reason}
                    aria-describedby={c.reason ? noteId : undefined}
                  >
                    {c.verdict}
                    {footnote !== undefined ? <sup> [{footnote}]</sup> : null}
                    {basis ? <span className="verdict-basis">{basis}</span> : null}
                  </td>
                </tr>
                {c.reason && footnote === undefined ? <ReasonRow comparison={c} id={noteId} /> : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {shared.size > 0 ? (
        <ol className="verdict-footnotes small" aria-label="Why rows are inconclusive">
          {[...shared].map(([reason, n]) => (
            <li key={n} id={sharedId(n)} value={n}>
              <strong className="verdict-inconclusive">Why inconclusive:</strong> {reason}
            </li>
          ))}
        </ol>
      ) : null}
      {comparison.geomeanTimeRatio !== null ? (
        <p className="small">
          Geometric mean time ratio {comparison.geomeanTimeRatio.toFixed(3)} (
          {formatPercent(comparison.geomeanTimeRatio - 1)}; below 1 is faster)
        </p>
      ) : null}
      {comparison.onlyInBase.length + comparison.onlyInHead.length > 0 ? (
        <p className="small muted">
          {comparison.onlyInBase.length > 0 ? `Only in the base run: ${comparison.onlyInBase.join(', ')}. ` : ''}
          {comparison.onlyInHead.length > 0 ? `Only in this run: ${comparison.onlyInHead.join(', ')}.` : ''}
        </p>
      ) : null}
      {comparison.warnings.map((warning) => (
        <p key={warning} className="warn small">
          ⚠ {warning}
        </p>
      ))}
    </>
  );
}
