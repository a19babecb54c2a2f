/** The preview: estimated cost or proceeds, fee, resulting position and buying power after. */
import { formatPrice, formatSize, type Instrument } from '../../../protocol/instruments';
import { formatMoney } from '../../lib/api/paper-money';
import type { FeeRates, TicketPreview } from './ticket-preview';

export interface TicketSummaryProps {
  instrument: Instrument;
  currency: string;
  side: 'buy' | 'sell';
  preview: TicketPreview | null;
  fees: FeeRates;
}

export function TicketSummary({ instrument, currency, side, preview, fees }: TicketSummaryProps) {
  const dash = '—';
  const bps = preview?.liquidity === 'maker' ? fees.makerBps : fees.takerBps;
  return (
    <dl className="ticket-preview" data-testid="ticket-preview">
      <div>
        <dt>{side === 'buy' ? 'Est. cost' : 'Est. proceeds'}</dt>
        <dd className="num" data-testid="preview-total">
          {preview ? `${formatMoney(preview.total)} ${currency}` : dash}
        </dd>
      </div>
      <div>
        <dt>Avg price</dt>
        <dd className="num">
          {preview?.averagePrice != null ? formatPrice(instrument, preview.averagePrice) : dash}
        </dd>
      </div>
      <div>
        <dt>
          Fee ({preview?.liquidity ?? 'taker'} {bps} bps{fees.assumed ? ', assumed' : ''})
        </dt>
        <dd className="num" data-testid="preview-fee">
          {preview ? formatMoney(preview.fee) : dash}
        </dd>
      </div>
      <div>
        <dt>Position after</dt>
        <dd className="num" data-testid="preview-position">
          {preview ? formatSize(instrument, preview.resultingPosition) : dash}
        </dd>
      </div>
      <div>
        <dt>Buying power after</dt>
        <dd className="num" data-testid="preview-buying-power">
          {preview?.buyingPowerAfter != null ? formatMoney(preview.buyingPowerAfter) : dash}
        </dd>
      </div>
      {preview?.partialBook && (
        <p className="field-msg muted ticket-note">
          The visible book holds less than this; the rest fills deeper or not at all.
        </p>
      )}
    </dl>
  );
}
