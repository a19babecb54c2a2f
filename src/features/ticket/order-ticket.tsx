/**
 * The order ticket. Enter (or the button) opens a confirmation; Enter again sends. Each submit
 * carries one new client order id; after an unanswered send, Retry resends the same order with the
 * same id. Entry is disabled, with the reason, while offline, disconnected or on stale data.
 */
import { useState, type FormEvent } from 'react';
import { formatPrice, formatSize, type Instrument } from '../../../protocol/instruments';
import { Panel } from '../../components/panel';
import { pushToast } from '../../components/toast/toast-store';
import { usePlaceOrder } from '../../lib/api/paper-mutations';
import { useConnectionStore } from '../../stores/connection-store';
import { sliceKey } from '../../stores/freshness-store';
import { useTicketStore } from '../../stores/ticket-store';
import { usePanelFreshness } from '../../stores/use-panel-freshness';
import { entryBlockReason } from './entry-gate';
import { TicketFields } from './ticket-fields';
import { INITIAL_TICKET, needsLimit, type TicketInput } from './ticket-form';
import { evaluateTicket } from './ticket-preview';
import { TicketSummary } from './ticket-summary';
import { sendAttempt, startAttempt, type Attempt } from './submission';
import { useTicketContext } from './use-ticket-context';
import './ticket.css';

export interface OrderTicketProps {
  instrument: Instrument | undefined;
  /** Injected in tests; the browser's flag otherwise. */
  navigatorOnline?: () => boolean;
}

export function OrderTicket({ instrument, navigatorOnline }: OrderTicketProps) {
  return (
    <Panel title="Order ticket" className="area-ticket">
      {instrument ? (
        <TicketBody key={instrument.symbol} instrument={instrument} online={navigatorOnline} />
      ) : (
        <p className="muted">Choose an instrument.</p>
      )}
    </Panel>
  );
}

type Stage = 'edit' | 'confirm' | 'sending' | 'unconfirmed';

function TicketBody({ instrument, online }: { instrument: Instrument; online?: () => boolean }) {
  const { context, hasBook } = useTicketContext(instrument);
  const currency = context.currency ?? instrument.quote;
  const [input, setInput] = useState<TicketInput>(INITIAL_TICKET);
  const [stage, setStage] = useState<Stage>('edit');
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const skipConfirm = useTicketStore((s) => s.skipConfirm);
  const setSkipConfirm = useTicketStore((s) => s.setSkipConfirm);
  const picked = useTicketStore((s) => s.picked);
  const place = usePlaceOrder();

  // Prefill the price from the book once per side/type (best ask to buy, best bid to sell), and
  // take a price picked on the book or tape; both as derived state, not effects.
  const best = input.side === 'buy' ? context.asks[0]?.[0] : context.bids[0]?.[0];
  const prefillKey = `${input.side}|${input.type}`;
  const [prefilled, setPrefilled] = useState<string | null>(null);
  if (best !== undefined && prefilled !== prefillKey && stage === 'edit') {
    setPrefilled(prefillKey);
    const text = formatPrice(instrument, best);
    setInput((current) => ({
      ...current,
      priceText: needsLimit(current.type) ? text : current.priceText,
      stopText: current.type === 'stop' || current.type === 'stop_limit' ? text : current.stopText,
    }));
  }
  const [seenPick, setSeenPick] = useState(picked?.nonce ?? 0);
  if (picked && picked.nonce !== seenPick) {
    setSeenPick(picked.nonce);
    if (picked.symbol === instrument.symbol) {
      setInput((current) => ({
        ...current,
        type: needsLimit(current.type) ? current.type : 'limit',
        priceText: formatPrice(instrument, picked.price),
      }));
      setPrefilled(`${input.side}|${needsLimit(input.type) ? input.type : 'limit'}`);
      setStage('edit');
      setAttempt(null);
    }
  }

  const connection = useConnectionStore((s) => s.state);
  const freshness = usePanelFreshness({
    slice: sliceKey.book(instrument.id),
    channel: 'book',
    inst: instrument.id,
  });
  const blocked = entryBlockReason({
    navigatorOnline: (online ?? (() => navigator.onLine))(),
    connection,
    symbol: instrument.symbol,
    stale: freshness.stale,
    staleAsOf: freshness.asOf,
    hasBook,
  });
  const evaluation = evaluateTicket(input, context);

  const change = (patch: Partial<TicketInput>) => {
    setInput((current) => ({ ...current, ...patch }));
    // An edit is a new order: a pending confirmation or unanswered attempt no longer applies.
    setStage('edit');
    setAttempt(null);
    setProblem(null);
  };

  const send = async (current: Attempt) => {
    setStage('sending');
    setProblem(null);
    const outcome = await sendAttempt(current, (body) => place.mutateAsync(body));
    const { body } = current;
    const what = `${body.side === 'buy' ? 'Buy' : 'Sell'} ${formatSize(instrument, body.quantity)} ${body.symbol}`;
    if (outcome.kind === 'placed') {
      const order = outcome.result.order;
      pushToast(
        'info',
        `${what}: ${order.status.replace('_', ' ')}`,
        outcome.result.duplicate ? 'Already placed earlier (same order id).' : '',
      );
      setAttempt(null);
      setStage('edit');
    } else if (outcome.kind === 'rejected') {
      pushToast('error', `${what} rejected`, outcome.result.message);
      setProblem(`Rejected: ${outcome.result.message}`);
      setAttempt(null);
      setStage('edit');
    } else if (outcome.kind === 'refused') {
      setProblem(outcome.message);
      setAttempt(null);
      setStage('edit');
    } else {
      setProblem(
        `No answer from the gateway (${outcome.message}). The order may have been placed; Retry sends the same order with the same id, so it cannot be placed twice.`,
      );
      setStage('unconfirmed');
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (blocked || stage === 'sending') return;
    if (stage === 'unconfirmed' && attempt) return void send(attempt);
    if (!evaluation.order) return;
    if (stage === 'edit' && !skipConfirm) return setStage('confirm');
    const next = startAttempt(evaluation.order);
    setAttempt(next);
    void send(next);
  };

  const label = input.side === 'buy' ? 'Buy' : 'Sell';
  const order = evaluation.order;
  const buttonText =
    stage === 'confirm'
      ? `Confirm ${label.toLowerCase()}`
      : stage === 'sending'
        ? 'Sending…'
        : stage === 'unconfirmed'
          ? 'Retry same order'
          : `${label} ${instrument.base}`;
  return (
    <form className="ticket" onSubmit={submit} aria-label={`Order ticket for ${instrument.symbol}`}>
      <TicketFields
        instrument={instrument}
        currency={currency}
        input={input}
        errors={evaluation.errors}
        showErrors={tried || input.sizeText !== ''}
        disabled={stage === 'sending'}
        onChange={change}
      />
      <TicketSummary
        instrument={instrument}
        currency={currency}
        side={input.side}
        preview={evaluation.preview}
        fees={context.fees}
      />
      <p className="ticket-status" role="status" data-testid="ticket-status">
        {blocked ??
          (stage === 'confirm' && order
            ? `${label} ${formatSize(instrument, order.quantity)} ${instrument.base} — press Enter to send, or edit to cancel.`
            : (problem ?? ((tried || input.sizeText !== '') && evaluation.errors.order) ?? ''))}
      </p>
      <div className="ticket-actions">
        <button
          type="submit"
          className={`ticket-submit side-${input.side}`}
          data-testid="ticket-submit"
          disabled={blocked !== null || stage === 'sending'}
        >
          {buttonText}
        </button>
        {stage === 'confirm' && (
          <button type="button" className="ticket-cancel" onClick={() => setStage('edit')}>
            Back
          </button>
        )}
      </div>
      <label className="ticket-check">
        <input
          type="checkbox"
          checked={skipConfirm}
          onChange={(event) => setSkipConfirm(event.target.checked)}
        />
        Send without confirmation
      </label>
    </form>
  );
}
