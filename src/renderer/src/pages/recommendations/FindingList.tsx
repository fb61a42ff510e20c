import type { KeyboardEvent } from 'react';
import type { LevelInfo } from '../../../../shared/schemas/settings';
import type { Finding, RuleStack } from '../../../../shared/schemas/tune';
import { listRisks, type RiskFilter } from '../../stores/tune-rules';
import { evidenceLocation, gainFormula, gainInterval, learnedFrom, RISKS, STACKS } from './format';

interface Props {
  findings: Finding[];
  total: number;
  stacks: RuleStack[];
  stack: RuleStack | 'all';
  risk: RiskFilter;
  /** The level in Settings, which the 'level' risk filter follows (null until the settings load). */
  level: LevelInfo | null;
  /** Findings the stack filter lets through that the risk filter hides. */
  hiddenByRisk: number;
  selectedId: string | null;
  onStack: (stack: RuleStack | 'all') => void;
  onRisk: (risk: RiskFilter) => void;
  onSelect: (id: string) => void;
  onOpenSettings: () => void;
}

/** Says which risks the level lets through and how many findings that hides, so none is hidden without a word. */
function LevelNote({
  level,
  hidden,
  onOpenSettings,
}: {
  level: LevelInfo;
  hidden: number;
  onOpenSettings: () => void;
}) {
  return (
    <p className="muted small level-note" data-testid="risk-level-note">
      Showing {listRisks(level.risks)} fixes (level: {level.id})
      {hidden > 0 ? ` · ${hidden} ${hidden === 1 ? 'finding' : 'findings'} of higher risk hidden` : ''} —{' '}
      <a
        href="#/settings"
        onClick={(e) => {
          e.preventDefault();
          onOpenSettings();
        }}
      >
        change in Settings
      </a>{' '}
      or pick “all” risks.
    </p>
  );
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

export function FindingList(props: Props) {
  const { findings, total, stacks, stack, risk, level, selectedId, onStack, onRisk, onSelect } = props;
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
        <select id="finding-risk" value={risk} onChange={(e) => onRisk(e.target.value as RiskFilter)}>
          <option value="level">
            {level ? `level ${level.id}: ${listRisks(level.risks)}` : 'as the level suggests'}
          </option>
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
      {risk === 'level' && level ? (
        <LevelNote level={level} hidden={props.hiddenByRisk} onOpenSettings={props.onOpenSettings} />
      ) : null}
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
