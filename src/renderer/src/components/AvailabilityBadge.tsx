import type { Availability } from '../../../shared/schemas/availability';

/** Present / absent / unknown, with the reason and remedy spelled out rather than hidden. */
export function AvailabilityBadge({ value }: { value: Availability }) {
  return (
    <span className={`badge badge-${value.status}`} title={value.remedy ?? value.reason}>
      {value.status}
    </span>
  );
}

export function AvailabilityNote({ value }: { value: Availability }) {
  if (value.status === 'present') return null;
  return (
    <p className="note">
      {value.reason}
      {value.remedy ? <span className="remedy"> — {value.remedy}</span> : null}
    </p>
  );
}
