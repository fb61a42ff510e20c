import { EmptyState } from '../components/EmptyState';

export function RecommendationsPage() {
  return (
    <section aria-labelledby="recommendations-title">
      <h1 id="recommendations-title">Recommendations</h1>
      <EmptyState title="Open a project first">Scan a project on the Project page to see ranked findings.</EmptyState>
    </section>
  );
}
