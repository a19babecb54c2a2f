/**
 * A titled dashboard region with a heading, so screen readers can jump between panels. A panel
 * whose data is not live says so (data-stale and the stale badge) without changing its size.
 * Its live data renders only while it is in view (see lib/in-view).
 */
import { useRef, type ReactNode } from 'react';
import { InViewContext, useInView } from '../lib/in-view';
import type { PanelFreshness } from '../stores/use-panel-freshness';
import { StaleBadge } from './stale-badge';

export interface PanelProps {
  title: string;
  className?: string;
  /** Extra controls shown next to the heading. */
  actions?: ReactNode;
  /** Whether the data shown is live; omitted means live. */
  freshness?: Pick<PanelFreshness, 'stale' | 'asOf'>;
  children: ReactNode;
}

export function Panel({ title, className, actions, freshness, children }: PanelProps) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const stale = freshness?.stale === true;
  const region = useRef<HTMLElement>(null);
  const inView = useInView(region);
  return (
    <section
      ref={region}
      className={`panel ${className ?? ''}`}
      aria-labelledby={id}
      data-stale={stale ? 'true' : 'false'}
    >
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      <InViewContext value={inView}>{children}</InViewContext>
      {stale && <StaleBadge asOf={freshness.asOf} />}
    </section>
  );
}
