import { EmptyState } from '../components/EmptyState';

export function HistoryPage() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>History</h1>
      </header>
      <EmptyState title="Not available in this build yet">
        <p>
          Hardware profiles are already stored on every run; runs and comparisons will be listed here once benchmarks
          exist.
        </p>
      </EmptyState>
    </div>
  );
}
