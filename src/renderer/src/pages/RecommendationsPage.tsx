import { useCallback, useEffect, useMemo } from 'react';
import type { RuleStack } from '../../../shared/schemas/tune';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { ExportButtons } from '../components/ExportButtons';
import { ImpactEffortMatrix, type MatrixPoint } from '../components/charts/ImpactEffortMatrix';
import { useNavigation } from '../stores/navigation';
import { useProject } from '../stores/project';
import { useSettings } from '../stores/settings';
import { latestChangeFor, useTune } from '../stores/tune';
import { allowedRisks, levelInForce, riskAllowed } from '../stores/tune-rules';
import { ChangeHistory } from './recommendations/ChangeHistory';
import { FindingDetail } from './recommendations/FindingDetail';
import { FindingList } from './recommendations/FindingList';
import { expectedEffect } from './recommendations/format';
import { ScoreBreakdown } from './recommendations/ScoreBreakdown';
import { VerdictView } from './recommendations/VerdictView';

export function RecommendationsPage() {
  const { root: rememberedRoot, profile, scanning, scan, setTrust, error: projectError } = useProject();
  const tune = useTune();
  const go = useNavigation((state) => state.go);
  const root = profile?.root ?? null;

  useEffect(() => {
    // A remembered folder is read again (scanning runs nothing), as the Project page does.
    if (!profile && rememberedRoot && !scanning) void scan();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const { reportFor, loading, load } = tune;
  useEffect(() => {
    if (root && reportFor !== root && !loading) void load(root);
  }, [root, reportFor, loading, load]);

  const report = root && tune.reportFor === root ? tune.report : null;
  const findings = useMemo(() => report?.findings ?? [], [report]);
  // The risk filter starts at what the level in Settings suggests; the list says so and what it hides.
  const settings = useSettings((state) => state.view);
  const level = levelInForce(settings);
  const risks = allowedRisks(tune.risk, level);
  const inStack = findings.filter((f) => tune.stack === 'all' || f.rule.stack === tune.stack);
  // A finding opened by name (the Overview, the score table) stays in the list even above the level:
  // that filter is a default the user did not pick, and must not hide what they just asked for.
  const visible = inStack.filter(
    (f) => riskAllowed(f.rule.risk, risks) || (tune.risk === 'level' && f.id === tune.selectedId),
  );
  const stacks = [...new Set(findings.map((f) => f.rule.stack))] as RuleStack[];
  const selected = findings.find((f) => f.id === tune.selectedId) ?? null;
  const points: MatrixPoint[] = visible.map((f) => ({
    id: f.id,
    title: f.rule.title,
    effort: f.rule.effort,
    risk: f.rule.risk,
    value: expectedEffect(f.ranking),
    low: f.ranking.effect * f.ranking.pLow,
    high: f.ranking.effect * f.ranking.pHigh,
  }));

  const { select, loadDiff } = tune;
  const selectAndShow = useCallback(
    (id: string) => {
      select(id);
      // The detail sits beside the list on wide windows and below it on narrow ones.
      requestAnimationFrame(() =>
        document.getElementById('finding-detail-title')?.scrollIntoView({ block: 'nearest' }),
      );
    },
    [select],
  );
  const loadSelectedDiff = useCallback(() => {
    if (root && selected) void loadDiff(root, selected.id);
  }, [root, selected, loadDiff]);

  if (!profile) {
    return (
      <div className="page">
        <header className="page-header">
          <div>
            <h1>Recommendations</h1>
            <p className="muted">
              Ranked findings for the open project, each with its evidence, diff and verification.
            </p>
          </div>
        </header>
        {projectError ? (
          <p className="error" role="alert">
            {projectError}
          </p>
        ) : null}
        {scanning ? (
          <EmptyState title="Opening the project…">
            Reading <code>{rememberedRoot}</code> (nothing is run).
          </EmptyState>
        ) : (
          <EmptyState title="Open a project first">
            <p>
              Open a folder on the{' '}
              <a
                href="#/project"
                onClick={(e) => {
                  e.preventDefault();
                  go('project');
                }}
              >
                Project page
              </a>{' '}
              to see ranked findings for it.
            </p>
          </EmptyState>
        )}
      </div>
    );
  }

  const change = selected ? latestChangeFor(selected.id, tune.result, tune.changes) : null;
  const orphan = !selected && tune.selectedId ? latestChangeFor(tune.selectedId, tune.result, tune.changes) : null;

  return (
    <div className="page recommendations">
      <header className="page-header">
        <div>
          <h1>Recommendations</h1>
          <p className="muted">
            <strong>{profile.name}</strong> · <code>{profile.root}</code>
            {report?.head ? ` · at ${report.head.slice(0, 10)}` : ''} ·{' '}
            <span className={`badge ${profile.trusted ? 'badge-present' : 'badge-absent'}`}>
              {profile.trusted ? 'trusted' : 'not trusted'}
            </span>
          </p>
        </div>
        <div className="toolbar">
          {report ? <ExportButtons tuneRoot={profile.root} /> : null}
          <button type="button" disabled={tune.loading} onClick={() => void load(profile.root)}>
            {tune.loading ? 'Ranking…' : 'Refresh'}
          </button>
        </div>
      </header>
      {tune.error ? (
        <p className="error" role="alert">
          {tune.error}
        </p>
      ) : null}
      {tune.verifying && tune.verifying.findingId !== tune.selectedId ? (
        <p className="small verify-elsewhere" role="status">
          Verifying <code>{tune.verifying.findingId}</code>
          {tune.verifying.progress?.kind === 'step'
            ? `: ${tune.verifying.progress.title} · ${Math.round(tune.verifying.progress.value * 100)} %`
            : '…'}{' '}
          <button type="button" onClick={() => selectAndShow(tune.verifying!.findingId)}>
            Show
          </button>
        </p>
      ) : null}
      {!report ? (
        tune.error ? null : (
          <EmptyState title="Ranking findings…">Running the rules on {profile.name} (nothing is executed).</EmptyState>
        )
      ) : (
        <>
          {report.problems.length > 0 ? (
            <details className="warnings">
              <summary>
                {report.problems.length} {report.problems.length === 1 ? 'rule' : 'rules'} could not run on this project
              </summary>
              <ul>
                {report.problems.map((p) => (
                  <li key={p.ruleId}>
                    <code>{p.ruleId}</code>: {p.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <div className="reco-top">
            <Card title="Tuning score">
              <ScoreBreakdown score={report.score} onSelect={selectAndShow} limit={6} />
            </Card>
            <Card title="Impact and effort">
              <ImpactEffortMatrix points={points} selectedId={tune.selectedId} onSelect={selectAndShow} />
            </Card>
          </div>
          <div className="reco-main">
            <Card title="Findings">
              <FindingList
                findings={visible}
                total={findings.length}
                stacks={stacks}
                stack={tune.stack}
                risk={tune.risk}
                level={level}
                hiddenByRisk={inStack.length - visible.length}
                selectedId={tune.selectedId}
                onStack={tune.setStack}
                onRisk={tune.setRisk}
                onSelect={selectAndShow}
                onOpenSettings={() => go('settings')}
              />
            </Card>
            <Card title="Detail">
              {selected ? (
                <FindingDetail
                  finding={selected}
                  root={profile.root}
                  trusted={profile.trusted}
                  diff={tune.diffs[selected.id]}
                  job={tune.verifying}
                  verifyError={tune.verifyError?.findingId === selected.id ? tune.verifyError.message : null}
                  change={change}
                  deciding={tune.deciding}
                  decisionError={tune.decisionError}
                  loadDiff={loadSelectedDiff}
                  onVerify={() => void tune.verify(profile.root, selected.id)}
                  onCancel={() => void tune.cancelVerify()}
                  onTrust={() => void setTrust(true)}
                  onKeep={(id, merge) => void tune.keep(id, merge)}
                  onDiscard={(id) => void tune.discard(id)}
                />
              ) : orphan ? (
                <>
                  <p className="muted">
                    <code>{orphan.findingId}</code> is no longer found in this project: its last change is below.
                  </p>
                  <VerdictView
                    change={orphan}
                    deciding={tune.deciding}
                    error={tune.decisionError}
                    onKeep={(merge) => void tune.keep(orphan.id, merge)}
                    onDiscard={() => void tune.discard(orphan.id)}
                  />
                </>
              ) : (
                <p className="muted">Select a finding to see its evidence, its change and its verification.</p>
              )}
            </Card>
          </div>
        </>
      )}
      <Card title="Applied changes">
        <ChangeHistory
          changes={tune.changes.filter((c) => !report || c.root === report.root)}
          deciding={tune.deciding}
          error={tune.decisionError}
          onKeep={(id, merge) => void tune.keep(id, merge)}
          onDiscard={(id) => void tune.discard(id)}
        />
      </Card>
    </div>
  );
}
