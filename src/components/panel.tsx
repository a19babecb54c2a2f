/**
 * A titled dashboard region with a heading, so screen readers can jump between panels. A panel
 * whose data is not live says so (data-stale and the stale badge) without changing its size.
 */
import type { ReactNode } from 'react';
import type { PanelFreshness } from '../stores/use-panel-freshness';
import { StaleBadge } from './stale-badge';

export interface PanelProps {
  title: string;
  className?: string;
  /** Extra controls shown next to the heading. */
  actions?: ReactNode;
  /** Whether the data shown is live; omitted means live. */
  freshness?: PanelFreshness;
  children: ReactNode;
}

export function Panel({ title, className, actions, freshness, children }: PanelProps) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const stale = freshness?.stale === true;
  return (
    <section
      className={`panel ${className ?? ''}`}
      aria-labelledby={id}
      data-stale={stale ? 'true' : 'false'}
    >
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
      {stale && <StaleBadge asOf={freshness.asOf} />}
    </section>
  );
}
