import { EmptyState } from '../components/EmptyState';

export function ProjectPage() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Project</h1>
      </header>
      <EmptyState title="Not available in this build yet">
        <p>Opening a local folder to scan its stacks, commands and artifacts comes with the project profiler.</p>
      </EmptyState>
    </div>
  );
}
