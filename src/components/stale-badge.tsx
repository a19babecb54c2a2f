/** The "offline — as of HH:MM:SS" marking of a panel whose data is not live. */
import { formatClock } from '../lib/format';
import './stale-badge.css';

export interface StaleBadgeProps {
  /** Time of the data shown (ms since epoch), or null when the panel shows no data. */
  asOf: number | null;
}

/** The badge text: the same local clock format as the trades tape. */
export function staleText(asOf: number | null): string {
  return asOf === null ? 'offline — no data' : `offline — as of ${formatClock(asOf)}`;
}

export function StaleBadge({ asOf }: StaleBadgeProps) {
  return (
    <span className="stale-badge" role="status" data-testid="stale-badge">
      {staleText(asOf)}
    </span>
  );
}
