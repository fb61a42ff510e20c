import type { ReactNode } from 'react';

export interface Spec {
  label: string;
  value: ReactNode;
}

/** A definition list of label/value pairs: readable by screen readers as such. */
export function SpecList({ specs }: { specs: Spec[] }) {
  return (
    <dl className="specs">
      {specs.map((spec) => (
        <div key={spec.label} className="spec">
          <dt>{spec.label}</dt>
          <dd>{spec.value}</dd>
        </div>
      ))}
    </dl>
  );
}
