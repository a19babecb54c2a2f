/**
 * Toasts every new fill, and notifies through the browser while the page is hidden (only when the
 * trader granted permission with the button in the account bar). Fills already there when the
 * data first arrives are not announced.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { pushToast } from '../../components/toast/toast-store';
import { instrumentsQuery } from '../../lib/api/instruments';
import { fillsQuery } from '../../lib/api/paper';
import { browserNotifier, fillText, groupFills, takeNewFills, type Notifier } from './fill-alerts';

// Module-level defaults: fresh ones per render would re-run the effect on every render.
const defaultNotifier = browserNotifier();
const documentHidden = () => document.hidden;

/**
 * Announces fills as they arrive in the fills query. While the page is hidden they arrive on the
 * feed client's hidden-page timer (feed-client.ts), since a hidden page gets no animation frames.
 */
export function useFillAlerts(
  notifier: Notifier = defaultNotifier,
  isHidden: () => boolean = documentHidden,
): void {
  const fills = useQuery(fillsQuery).data?.fills;
  const instruments = useQuery(instrumentsQuery).data?.instruments;
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!fills) return;
    if (seen.current === null) {
      seen.current = new Set(fills.map((f) => f.id));
      return;
    }
    for (const group of groupFills(takeNewFills(seen.current, fills))) {
      const text = fillText(
        group,
        instruments?.find((i) => i.id === group.inst),
      );
      pushToast('success', 'Order filled', text);
      if (isHidden()) notifier.show('Order filled', text);
    }
  }, [fills, instruments, notifier, isHidden]);
}
