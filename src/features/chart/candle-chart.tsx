/**
 * The candlestick chart (its own lazily loaded chunk with lightweight-charts). History comes from
 * REST; the forming candle is pushed into the series from a store subscription, never via React.
 */
import { useQuery } from '@tanstack/react-query';
import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import type { Instrument } from '../../../protocol/instruments';
import type { Interval } from '../../../protocol/intervals';
import type { Candle } from '../../../protocol/messages';
import { useFeedSubscription } from '../../feed/feed-context';
import type { CandleUpdate } from '../../feed/feed-types';
import { candlesQuery } from '../../lib/api/candles';
import { candleKey, useCandlesStore } from '../../stores/candles-store';
import {
  DOWN_COLOR,
  MAX_CHART_BARS,
  placeBar,
  priceFormatFor,
  toBars,
  UP_COLOR,
} from './chart-data';
import { DEFAULT_PACER_OPTIONS, measurePaint, RedrawPacer } from './redraw-pacer';
import { useOwnOrdersOnChart } from './use-own-orders-on-chart';

/** Bars in view when history is drawn. */
const VISIBLE_BARS = 120;

export interface CandleChartProps {
  instrument: Instrument;
  interval: Interval;
}

interface Series {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  volume: ISeriesApi<'Histogram'>;
}

export function CandleChart({ instrument, interval }: CandleChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<Series | null>(null);
  const candleSeries = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const [drawnKey, setDrawnKey] = useState<string | null>(null);
  const key = `${instrument.symbol}|${interval}`;
  const history = useQuery(candlesQuery(instrument.symbol, interval));
  useFeedSubscription('candles', instrument.symbol, { interval });
  useOwnOrdersOnChart(candleSeries, instrument, interval, drawnKey === key);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = createChart(element, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: '#0d1117' },
        textColor: '#c9d1d9',
        attributionLogo: false,
      },
      grid: { vertLines: { color: '#1f2630' }, horzLines: { color: '#1f2630' } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#30363d' },
      // A fixed minimum keeps the axis (and the plot) from changing width as prices tick.
      rightPriceScale: { borderColor: '#30363d', minimumWidth: 80 },
    });
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: UP_COLOR,
      downColor: DOWN_COLOR,
      borderVisible: false,
      wickUpColor: UP_COLOR,
      wickDownColor: DOWN_COLOR,
    });
    const volume = chart.addSeries(HistogramSeries, {
      priceFormat: { type: 'volume' },
      priceScaleId: 'volume',
    });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    series.current = { chart, candles, volume };
    candleSeries.current = candles;
    return () => {
      series.current = null;
      candleSeries.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const s = series.current;
    const data = history.data;
    if (!s || !data) return;
    let unsubscribe: (() => void) | undefined;
    // Drawn in a task of its own, not in the one that created the chart: two medium tasks instead
    // of one long one keep the page responsive while the chart appears (a slow phone feels it).
    const timer = setTimeout(() => {
      unsubscribe = drawHistory(s, data.candles, instrument, interval);
      setDrawnKey(key);
    }, 0);
    return () => {
      clearTimeout(timer);
      unsubscribe?.();
    };
  }, [history.data, instrument, interval, key]);

  return (
    <div
      className="chart"
      data-testid="chart"
      data-symbol={instrument.symbol}
      data-interval={interval}
      data-ready={drawnKey === key && history.data ? 'true' : 'false'}
    >
      <div ref={container} className="chart-canvas" />
      {history.isError && (
        <p className="chart-message" role="alert">
          Chart history unavailable: {history.error.message}
        </p>
      )}
    </div>
  );
}

/** A bar pair keyed by its time, for placeBar. */
function timed(pair: ReturnType<typeof toBars>) {
  return { ...pair, time: pair.bar.time };
}

/** Draws history, then follows the forming candle; returns the unsubscribe. */
function drawHistory(
  s: Series,
  candles: readonly Candle[],
  instrument: Instrument,
  interval: Interval,
): () => void {
  s.candles.applyOptions({ priceFormat: priceFormatFor(instrument) });
  // Our own copy, bounded: lightweight-charts keeps every bar it is given, and a live chart gets
  // a new one every interval all day.
  const bars = candles.slice(-MAX_CHART_BARS).map((c) => timed(toBars(instrument, c)));
  const redraw = () => {
    s.candles.setData(bars.map(({ bar }) => ({ ...bar, time: bar.time as UTCTimestamp })));
    s.volume.setData(bars.map(({ volume }) => ({ ...volume, time: volume.time as UTCTimestamp })));
  };
  redraw();
  // The most recent bars, readable on a phone; older history is a scroll away. Fewer bars in
  // view also make each live redraw cheaper.
  s.chart.timeScale().setVisibleLogicalRange({
    from: Math.max(0, bars.length - VISIBLE_BARS),
    to: bars.length + 2,
  });

  const storeKey = candleKey(instrument.id, interval);
  const place = (candle: CandleUpdate) => {
    const converted = timed(toBars(instrument, candle));
    const placed = placeBar(bars, converted);
    if (placed === 'refused') return;
    if (placed === 'trimmed') {
      redraw();
      return;
    }
    s.candles.update({ ...converted.bar, time: converted.bar.time as UTCTimestamp });
    s.volume.update({ ...converted.volume, time: converted.volume.time as UTCTimestamp });
  };
  const pacer = new RedrawPacer<CandleUpdate>(
    (candle) =>
      measurePaint(
        () => place(candle),
        (ms) => pacer.reportCost(ms),
      ),
    {
      ...DEFAULT_PACER_OPTIONS,
      timers: {
        now: () => performance.now(),
        setTimeout: (callback, ms) => window.setTimeout(callback, ms),
        clearTimeout: (handle) => window.clearTimeout(handle as number),
      },
    },
  );
  const current = useCandlesStore.getState().forming[storeKey];
  if (current) place(current);
  const unsubscribe = useCandlesStore.subscribe((state, previous) => {
    const candle = state.forming[storeKey];
    if (candle && candle !== previous.forming[storeKey]) pacer.push(candle);
  });
  return () => {
    unsubscribe();
    pacer.dispose();
  };
}
