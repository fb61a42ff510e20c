import type { Finding } from '../../../../shared/schemas/tune';
import { gainFormula, gainInterval, learnedFrom } from '../recommendations/format';

/** The three findings with the best expected gain, each a link to its detail on the Recommendations page. */
export function TopRecommendations({ findings, onOpen }: { findings: Finding[]; onOpen: (id: string) => void }) {
  if (findings.length === 0) return <p className="muted">Nothing to recommend: every rule is satisfied.</p>;
  return (
    <ol className="top-recommendations" aria-label="Top recommendations">
      {findings.slice(0, 3).map((finding) => (
        <li key={finding.id}>
          <a
            href="#/recommendations"
            onClick={(event) => {
              event.preventDefault();
              onOpen(finding.id);
            }}
          >
            {finding.rule.title}
          </a>{' '}
          <span className="chip">{finding.rule.stack}</span>{' '}
          <span className={`chip risk-${finding.rule.risk}`}>{finding.rule.risk} risk</span>
          <div className="small">
            expected gain <strong>{gainFormula(finding.ranking)}</strong>
          </div>
          <div className="small muted">
            confidence: {gainInterval(finding.ranking)} · {learnedFrom(finding.ranking)}
          </div>
        </li>
      ))}
    </ol>
  );
}
