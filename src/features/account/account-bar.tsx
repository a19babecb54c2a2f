/**
 * The paper account in the header: equity, cash, realized and unrealized P&L and buying power,
 * each in a fixed-width cell (no layout shift as numbers change), plus fill alerts and reset.
 * It also hosts the toast stack, so toasts cost the critical path nothing.
 */
import { useState } from 'react';
import { useFeedSubscription } from '../../feed/feed-context';
import { formatMoney, formatSignedMoney, money } from '../../lib/api/paper-money';
import { useResetAccount } from '../../lib/api/paper-mutations';
import { usePaperFreshness } from '../../lib/api/use-paper-freshness';
import { useLiveAccount } from '../../lib/api/use-live-positions';
import { pushToast } from '../../components/toast/toast-store';
import { Toaster } from '../../components/toast/toaster';
import { browserNotifier, type Notifier } from './fill-alerts';
import { useFillAlerts } from './use-fill-alerts';

export interface AccountBarProps {
  notifier?: Notifier;
}

const defaultNotifier = browserNotifier();

function tone(value: bigint | null): string {
  if (value === null || value === 0n) return 'num';
  return value > 0n ? 'num up' : 'num down';
}

export function AccountBar({ notifier = defaultNotifier }: AccountBarProps) {
  // The account channel keeps every paper query current while the dashboard is open.
  useFeedSubscription('account', null);
  const live = useLiveAccount();
  useFillAlerts(notifier);
  const freshness = usePaperFreshness(live.accountUpdatedAt, live.failed);
  // Lazy: reading Notification.permission asks the browser process; once per mount is enough.
  const [permission, setPermission] = useState(() => notifier.permission());
  const [confirmReset, setConfirmReset] = useState(false);
  const reset = useResetAccount();
  const account = live.account;
  const cell = (value: bigint | null, signed = false) =>
    value === null ? '—' : signed ? formatSignedMoney(value) : formatMoney(value);
  const realized = account ? money(account.realizedPnl) : null;
  return (
    <>
      <Toaster />
      <section
        className="account-bar"
        aria-label="Paper account"
        data-testid="account-bar"
        data-stale={freshness.stale ? 'true' : 'false'}
      >
        <dl className="account-figures">
          <div>
            <dt>Equity{account ? ` (${account.currency})` : ''}</dt>
            <dd className="num" data-testid="account-equity">
              {cell(live.equity)}
            </dd>
          </div>
          <div className="account-minor">
            <dt>Cash</dt>
            <dd className="num">{cell(account ? money(account.cash) : null)}</dd>
          </div>
          <div className="account-minor">
            <dt>Realized P&amp;L</dt>
            <dd className={tone(realized)}>{cell(realized, true)}</dd>
          </div>
          <div>
            <dt>Unrealized P&amp;L</dt>
            <dd className={tone(live.unrealizedPnl)} data-testid="account-upnl">
              {cell(live.unrealizedPnl, true)}
            </dd>
          </div>
          <div>
            <dt>Buying power</dt>
            <dd className="num" data-testid="account-buying-power">
              {cell(account ? money(account.buyingPower) : null)}
            </dd>
          </div>
        </dl>
        <div className="account-actions">
          {freshness.stale && (
            <span className="account-stale muted" data-testid="account-stale">
              {freshness.asOf ? 'as of last visit' : 'offline'}
            </span>
          )}
          {permission !== 'unsupported' && (
            <button
              type="button"
              disabled={permission !== 'default'}
              data-testid="notify-fills"
              onClick={() => void notifier.request().then(setPermission)}
            >
              {permission === 'granted'
                ? 'Fill alerts on'
                : permission === 'denied'
                  ? 'Alerts blocked'
                  : 'Alert on fills'}
            </button>
          )}
          <button
            type="button"
            disabled={freshness.stale || reset.isPending}
            onBlur={() => setConfirmReset(false)}
            onClick={() => {
              if (!confirmReset) return setConfirmReset(true);
              setConfirmReset(false);
              reset.mutate(undefined, {
                onSuccess: () => pushToast('info', 'Paper account reset', 'Back to starting cash.'),
                onError: (error) => pushToast('error', 'Reset failed', error.message),
              });
            }}
          >
            {confirmReset ? 'Confirm reset' : 'Reset'}
          </button>
        </div>
      </section>
    </>
  );
}
