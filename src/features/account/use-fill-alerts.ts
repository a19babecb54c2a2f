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

/** Announces fills as they arrive in the fills query. */
export function useFillAlerts(
  notifier: Notifier = browserNotifier(),
  isHidden: () => boolean = () => document.hidden,
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
