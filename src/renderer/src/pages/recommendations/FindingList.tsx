import type { KeyboardEvent } from 'react';
import type { Finding, Risk, RuleStack } from '../../../../shared/schemas/tune';
import { evidenceLocation, gainFormula, gainInterval, learnedFrom, RISKS, STACKS } from './format';

interface Props {
  findings: Finding[];
  total: number;
  stacks: RuleStack[];
  stack: RuleStack | 'all';
  risk: Risk | 'all';
  selectedId: string | null;
  onStack: (stack: RuleStack | 'all') => void;
  onRisk: (risk: Risk | 'all') => void;
  onSelect: (id: string) => void;
}

/** Up/Down/Home/End move between the finding buttons; Enter or Space selects (native buttons). */
function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.finding-item')];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index < 0) return;
  event.preventDefault();
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? buttons.length - 1
        : Math.max(0, Math.min(buttons.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)));
  buttons[next]?.focus();
}

export function FindingList({ findings, total, stacks, stack, risk, selectedId, onStack, onRisk, onSelect }: Props) {
  return (
    <div className="finding-list">
      <div className="toolbar filters" role="group" aria-label="Filter findings">
        <label htmlFor="finding-stack">Stack</label>
        <select id="finding-stack" value={stack} onChange={(e) => onStack(e.target.value as RuleStack | 'all')}>
          <option value="all">all</option>
          {STACKS.filter((s) => stacks.includes(s)).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label htmlFor="finding-risk">Risk</label>
        <select id="finding-risk" value={risk} onChange={(e) => onRisk(e.target.value as Risk | 'all')}>
          <option value="all">all</option>
          {RISKS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <span className="muted small" aria-live="polite">
          {findings.length === total ? `${total} findings` : `${findings.length} of ${total}`}
        </span>
      </div>
      {findings.length === 0 ? (
        <p className="muted">
          {total === 0 ? 'Nothing found: every rule is satisfied.' : 'No finding matches the filters.'}
        </p>
      ) : (
        <ol className="findings" aria-label="Findings, best expected gain first" onKeyDown={moveFocus}>
          {findings.map((finding) => {
            const evidence = finding.evidence[0];
            const selected = finding.id === selectedId;
            return (
              <li key={finding.id}>
                <button
                  type="button"
                  className="finding-item"
                  aria-pressed={selected}
                  data-finding={finding.id}
                  onClick={() => onSelect(finding.id)}
                >
                  <span className="finding-title">{finding.rule.title}</span>
                  <code className="finding-id muted">{finding.id}</code>
                  <span className="finding-meta">
                    <span className="chip">{finding.rule.stack}</span>
                    <span className={`chip risk-${finding.rule.risk}`}>{finding.rule.risk} risk</span>
                    <span className="chip">{finding.rule.effort} effort</span>
                    {finding.rule.automatic ? null : <span className="chip">advice</span>}
                  </span>
                  <span className="finding-gain">
                    expected gain {gainFormula(finding.ranking)}{' '}
                    <span className="muted">
                      · {gainInterval(finding.ranking)} · {learnedFrom(finding.ranking)}
                    </span>
                  </span>
                  {evidence ? (
                    <span className="finding-evidence muted">
                      <code>{evidenceLocation(evidence)}</code>
                      {evidence.excerpt ? ` ${evidence.excerpt}` : ''}
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
