/**
 * What a panel shows when it has nothing to show: an illustration (generated WebP at 1x/2x/3x with
 * a PNG fallback, fixed size so nothing shifts) and a sentence saying why.
 */
import type { ReactNode } from 'react';
import {
  ILLUSTRATION_HEIGHT,
  ILLUSTRATION_WIDTH,
  illustrationSrcSet,
  illustrationUrl,
  type StateIllustration,
} from '../lib/state-illustration';
import './empty-state.css';

export interface EmptyStateProps {
  illustration: StateIllustration;
  children: ReactNode;
}

export function EmptyState({ illustration, children }: EmptyStateProps) {
  return (
    <div className="empty-state" role="status" data-testid="empty-state">
      <picture>
        <source type="image/webp" srcSet={illustrationSrcSet(illustration)} />
        {/* Decorative: the sentence says it all. Empty states are never the first thing painted,
            so the image loads lazily and decodes off the main thread. */}
        <img
          src={illustrationUrl(illustration, ILLUSTRATION_WIDTH, 'png')}
          width={ILLUSTRATION_WIDTH}
          height={ILLUSTRATION_HEIGHT}
          alt=""
          loading="lazy"
          decoding="async"
        />
      </picture>
      <p>{children}</p>
    </div>
  );
}
