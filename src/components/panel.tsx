/** A titled dashboard region with a heading, so screen readers can jump between panels. */
import type { ReactNode } from 'react';

export interface PanelProps {
  title: string;
  className?: string;
  /** Extra controls shown next to the heading. */
  actions?: ReactNode;
  children: ReactNode;
}

export function Panel({ title, className, actions, children }: PanelProps) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
