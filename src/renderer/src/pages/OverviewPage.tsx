import { useEffect } from 'react';
import { Card } from '../components/Card';
import { useBench } from '../stores/bench';
import { useHardware } from '../stores/hardware';
import { useNavigation } from '../stores/navigation';
import { useProject } from '../stores/project';
import { useTune } from '../stores/tune';
import { FullCheck } from './overview/FullCheck';
import { LatestRuns } from './overview/LatestRuns';
import { MachineCard } from './overview/MachineCard';
import { TopRecommendations } from './overview/TopRecommendations';
import { ScoreBreakdown } from './recommendations/ScoreBreakdown';

function PageLink({ page, children }: { page: 'project' | 'recommendations'; children: string }) {
  const go = useNavigation((state) => state.go);
  return (
    <a
      href={`#/${page}`}
      onClick={(e) => {
        e.preventDefault();
        go(page);
      }}
    >
      {children}
    </a>
  );
}

export function OverviewPage() {
  const hardware = useHardware();
  const go = useNavigation((state) => state.go);
  const { root: rememberedRoot, profile, scanning, benching, scan, cancel } = useProject();
  const { report, reportFor, loading, error, load, select, check, fullCheck } = useTune();
  const { profile: machine, load: loadMachine } = hardware;

  useEffect(() => {
    if (!machine) void loadMachine(false);
  }, [machine, loadMachine]);
  useEffect(() => {
    // Reading a remembered folder runs nothing, so the overview can show its score right away.
    if (!profile && rememberedRoot && !scanning && !check?.running) void scan();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const root = profile?.root ?? null;
  useEffect(() => {
    if (root && reportFor !== root && !loading) void load(root);
  }, [root, reportFor, loading, load]);

  const current = root && reportFor === root ? report : null;
  const openFinding = (id: string) => {
    select(id);
    go('recommendations');
  };
  const running = check?.running ?? false;
  const runningStep = check?.steps.find((step) => step.status === 'running');
  const live =
    runningStep?.id === 'scan'
      ? (scanning?.progress ?? null)
      : runningStep?.id === 'bench'
        ? (benching?.progress ?? null)
        : null;
  const noFolder = !rememberedRoot.trim() && !profile;

  return (
    <div className="page overview">
      <header className="page-header">
        <div>
          <h1>Overview</h1>
          <p className="muted">
            This machine, the open project’s tuning score and what to do first.
            {profile ? (
              <>
                {' '}
                Project: <strong>{profile.name}</strong> <code>{profile.root}</code>
              </>
            ) : null}
          </p>
        </div>
        <div className="check-action">
          <button
            type="button"
            className="primary"
            disabled={running || noFolder}
            aria-describedby={noFolder ? 'full-check-why' : undefined}
            onClick={() => void fullCheck()}
          >
            {running ? 'Checking…' : 'Full check'}
          </button>
          <span id="full-check-why" className="small muted">
            {noFolder ? 'Open a project on the Project page first.' : 'Scan, baseline (if trusted), rank.'}
          </span>
        </div>
      </header>
      {check ? (
        <div className="overview-check">
          <Card title="Full check">
            <FullCheck steps={check.steps} live={live} onCancel={() => void cancel()} />
          </Card>
        </div>
      ) : null}
      <div className="overview-grid">
        <MachineCard profile={machine} error={hardware.error} onDetails={() => go('hardware')} />
        <Card
          title="Tuning score"
          aside={
            current ? (
              <button type="button" onClick={() => go('recommendations')}>
                All findings
              </button>
            ) : null
          }
        >
          {!profile ? (
            scanning ? (
              <p className="muted">Opening {rememberedRoot}…</p>
            ) : (
              <p className="muted">
                No project open. Open a folder on the <PageLink page="project">Project page</PageLink> to get its tuning
                score.
              </p>
            )
          ) : error && reportFor === root ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : !current ? (
            <p className="muted">Ranking findings for {profile.name}…</p>
          ) : (
            <>
              <p className="small muted">
                {profile.name}: {current.findings.length} {current.findings.length === 1 ? 'finding' : 'findings'}
              </p>
              <ScoreBreakdown score={current.score} onSelect={openFinding} limit={4} />
            </>
          )}
        </Card>
      </div>
      <div className="overview-grid">
        <Card title="Top recommendations">
          {current ? (
            <TopRecommendations findings={current.findings} onOpen={openFinding} />
          ) : (
            <p className="muted">{profile ? 'Ranking…' : 'Recommendations appear here once a project is open.'}</p>
          )}
        </Card>
        <Card title="Latest runs">
          <LatestRuns
            refreshKey={check?.steps.filter((step) => step.status === 'done').length ?? 0}
            onOpen={(runId) => {
              void useBench.getState().select(runId);
              go('benchmarks');
            }}
          />
        </Card>
      </div>
    </div>
  );
}
