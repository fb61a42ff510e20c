import type { ReactNode } from 'react';

/** Says what is missing and what to do next, instead of an empty page. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty" role="status">
      <h2>{title}</h2>
      <div>{children}</div>
    </div>
  );
}
