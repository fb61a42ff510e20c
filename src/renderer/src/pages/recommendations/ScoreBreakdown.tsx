import type { TuningScore } from '../../../../shared/schemas/tune';

/**
 * The tuning score as a number, the formula it comes from, and what each finding costs: nothing
 * about it is hidden, so a user can tell which fix moves it most.
 */
export function ScoreBreakdown({
  score,
  onSelect,
  limit,
}: {
  score: TuningScore;
  onSelect?: (findingId: string) => void;
  limit?: number;
}) {
  const parts = limit === undefined ? score.parts : score.parts.slice(0, limit);
  const max = Math.max(...score.parts.map((part) => part.penalty), 1);
  const rest = score.parts.length - parts.length;
  return (
    <div className="score">
      <p className="score-number" aria-label={`Tuning score ${score.score} out of 100`}>
        <strong>{score.score}</strong>
        <span className="muted"> / 100</span>
      </p>
      <p className="score-formula small muted">{score.formula}</p>
      {score.parts.length === 0 ? (
        <p className="muted small">No open project finding costs points.</p>
      ) : (
        <table className="data-table small score-parts" aria-label="Score breakdown">
          <thead>
            <tr>
              <th scope="col">Finding</th>
              <th scope="col" className="num">
                Points
              </th>
            </tr>
          </thead>
          <tbody>
            {parts.map((part) => (
              <tr key={part.findingId}>
                <td>
                  {onSelect ? (
                    <button type="button" className="link-button" onClick={() => onSelect(part.findingId)}>
                      {part.title}
                    </button>
                  ) : (
                    part.title
                  )}{' '}
                  <code className="muted">{part.findingId}</code>
                </td>
                <td className="num">
                  <span className="penalty-bar" style={{ width: `${Math.max(2, (part.penalty / max) * 60)}px` }} /> −
                  {part.penalty.toFixed(1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rest > 0 ? (
        <p className="muted small">
          and {rest} more {rest === 1 ? 'finding' : 'findings'} (−
          {score.parts
            .slice(parts.length)
            .reduce((sum, part) => sum + part.penalty, 0)
            .toFixed(1)}{' '}
          points)
        </p>
      ) : null}
    </div>
  );
}
