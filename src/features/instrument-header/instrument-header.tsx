/** Symbol, name and the 24h figures of the active instrument. */
import { formatPrice, formatSize, type Instrument } from '../../../protocol/instruments';
import { direction, formatChangePercent } from '../../lib/format';
import { InstrumentIcon } from '../../components/instrument-icon';
import { StaleBadge } from '../../components/stale-badge';
import { sliceKey } from '../../stores/freshness-store';
import { useQuote } from '../../stores/quotes-store';
import { usePanelFreshness } from '../../stores/use-panel-freshness';

export interface InstrumentHeaderProps {
  instrument: Instrument | undefined;
}

export function InstrumentHeader({ instrument }: InstrumentHeaderProps) {
  const quote = useQuote(instrument?.id);
  const freshness = usePanelFreshness({
    slice: quote && sliceKey.tickers(),
    channel: 'tickers',
    inst: instrument?.id ?? -1,
  });
  const price = (units: number | undefined) =>
    instrument && units !== undefined ? formatPrice(instrument, units) : '—';
  const dir = quote ? direction(quote.last, quote.open24) : 0;
  return (
    <section
      className="panel instrument-header area-inst"
      data-testid="instrument-header"
      data-symbol={instrument?.symbol ?? ''}
      aria-label="Instrument"
      data-stale={freshness.stale ? 'true' : 'false'}
    >
      <InstrumentIcon instrument={instrument} size={32} priority />
      <div className="inst-title">
        <h2>{instrument?.symbol ?? 'Loading…'}</h2>
        <span className="muted">{instrument?.name ?? '\u00a0'}</span>
      </div>
      <dl className="stats">
        <div>
          <dt>Last</dt>
          <dd className="num big" data-testid="header-last">
            {price(quote?.last)}
          </dd>
        </div>
        <div>
          <dt>24h change</dt>
          <dd className={`num ${dir > 0 ? 'up' : dir < 0 ? 'down' : ''}`}>
            {quote ? formatChangePercent(quote.last, quote.open24) : '—'}
          </dd>
        </div>
        <div>
          <dt>24h high</dt>
          <dd className="num">{price(quote?.high24)}</dd>
        </div>
        <div>
          <dt>24h low</dt>
          <dd className="num">{price(quote?.low24)}</dd>
        </div>
        <div>
          <dt>24h volume</dt>
          <dd className="num">
            {instrument && quote ? formatSize(instrument, quote.volume24) : '—'}
          </dd>
        </div>
      </dl>
      {freshness.stale && <StaleBadge asOf={freshness.asOf} />}
    </section>
  );
}
