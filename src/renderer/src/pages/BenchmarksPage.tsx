import { EmptyState } from '../components/EmptyState';

export function BenchmarksPage() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Benchmarks</h1>
      </header>
      <EmptyState title="Not available in this build yet">
        <p>
          CPU, inference, CUDA and NPU suites land with the benchmark engine. Until then,{' '}
          <code>tunebench hw --watch</code> and the Hardware page show what the machine does live.
        </p>
      </EmptyState>
    </div>
  );
}
