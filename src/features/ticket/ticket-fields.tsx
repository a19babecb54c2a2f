/** The ticket's inputs: side, type, prices, size and time-in-force, with inline messages. */
import { useId } from 'react';
import { lotSizeText, tickSizeText, type Instrument } from '../../../protocol/instruments';
import type { OrderSide, OrderType, TimeInForce } from '../../../protocol/paper';
import { needsLimit, needsStop, type SizeMode, type TicketInput } from './ticket-form';
import type { FieldErrors } from './ticket-preview';

export interface TicketFieldsProps {
  instrument: Instrument;
  currency: string;
  input: TicketInput;
  errors: FieldErrors;
  /** Messages show only after the trader touched a field or tried to submit. */
  showErrors: boolean;
  disabled: boolean;
  onChange(patch: Partial<TicketInput>): void;
}

const TYPE_LABELS: Record<OrderType, string> = {
  market: 'Market',
  limit: 'Limit',
  stop: 'Stop',
  stop_limit: 'Stop limit',
};

function Field({
  label,
  value,
  error,
  hint,
  disabled,
  testId,
  onChange,
}: {
  label: string;
  value: string;
  error: string | undefined;
  hint: string;
  disabled: boolean;
  testId: string;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <div className="ticket-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="decimal"
        autoComplete="off"
        value={value}
        disabled={disabled}
        data-testid={testId}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={`${id}-msg`}
        onChange={(event) => onChange(event.target.value)}
      />
      <span id={`${id}-msg`} className={error ? 'field-msg field-error' : 'field-msg muted'}>
        {error ?? hint}
      </span>
    </div>
  );
}

export function TicketFields({
  instrument,
  currency,
  input,
  errors,
  showErrors,
  disabled,
  onChange,
}: TicketFieldsProps) {
  const typeId = useId();
  const modeId = useId();
  const tifId = useId();
  const shown = (message: string | undefined) => (showErrors ? message : undefined);
  const sides: OrderSide[] = ['buy', 'sell'];
  return (
    <div className="ticket-fields">
      <div className="ticket-sides" role="group" aria-label="Side">
        {sides.map((side) => (
          <button
            key={side}
            type="button"
            className={`side-${side}`}
            aria-pressed={input.side === side}
            data-testid={`ticket-${side}`}
            disabled={disabled}
            onClick={() => onChange({ side })}
          >
            {side === 'buy' ? 'Buy' : 'Sell'}
          </button>
        ))}
      </div>
      <div className="ticket-row">
        <div className="ticket-field">
          <label htmlFor={typeId}>Type</label>
          <select
            id={typeId}
            value={input.type}
            disabled={disabled}
            data-testid="ticket-type"
            onChange={(event) => onChange({ type: event.target.value as OrderType })}
          >
            {(Object.keys(TYPE_LABELS) as OrderType[]).map((type) => (
              <option key={type} value={type}>
                {TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <div className="ticket-field">
          <label htmlFor={tifId}>Time in force</label>
          <select
            id={tifId}
            value={input.type === 'limit' ? input.timeInForce : 'gtc'}
            disabled={disabled || input.type !== 'limit'}
            onChange={(event) => onChange({ timeInForce: event.target.value as TimeInForce })}
          >
            <option value="gtc">GTC</option>
            <option value="ioc">IOC</option>
          </select>
        </div>
      </div>
      {needsStop(input.type) && (
        <Field
          label={`Stop price (${instrument.quote})`}
          value={input.stopText}
          error={shown(errors.stop)}
          hint={`Triggers on a trade at or through it · tick ${tickSizeText(instrument)}`}
          disabled={disabled}
          testId="ticket-stop"
          onChange={(stopText) => onChange({ stopText })}
        />
      )}
      {needsLimit(input.type) && (
        <Field
          label={`Limit price (${instrument.quote})`}
          value={input.priceText}
          error={shown(errors.price)}
          hint={`Tick ${tickSizeText(instrument)}`}
          disabled={disabled}
          testId="ticket-price"
          onChange={(priceText) => onChange({ priceText })}
        />
      )}
      <div className="ticket-field">
        <label htmlFor={modeId}>Size in</label>
        <select
          id={modeId}
          value={input.sizeMode}
          disabled={disabled}
          onChange={(event) => onChange({ sizeMode: event.target.value as SizeMode, sizeText: '' })}
        >
          <option value="quantity">Quantity ({instrument.base})</option>
          <option value="notional">Amount ({currency})</option>
        </select>
      </div>
      <Field
        label={
          input.sizeMode === 'quantity' ? `Quantity (${instrument.base})` : `Amount (${currency})`
        }
        value={input.sizeText}
        error={shown(errors.size)}
        hint={
          input.sizeMode === 'quantity'
            ? `Lot ${lotSizeText(instrument)}`
            : `Converted to whole lots of ${lotSizeText(instrument)}`
        }
        disabled={disabled}
        testId="ticket-size"
        onChange={(sizeText) => onChange({ sizeText })}
      />
      {input.type === 'limit' && (
        <label className="ticket-check">
          <input
            type="checkbox"
            checked={input.postOnly && input.timeInForce === 'gtc'}
            disabled={disabled || input.timeInForce !== 'gtc'}
            onChange={(event) => onChange({ postOnly: event.target.checked })}
          />
          Post-only (rest on the book, never take)
        </label>
      )}
    </div>
  );
}
