/** Keeps the chart's own-order price lines and fill markers in step with the account queries. */
import { useQuery } from '@tanstack/react-query';
import {
  createSeriesMarkers,
  LineStyle,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef, type RefObject } from 'react';
import type { Instrument } from '../../../protocol/instruments';
import type { Interval } from '../../../protocol/intervals';
import { fillsQuery, ordersQuery } from '../../lib/api/paper';
import { fillMarkers, ownPriceLines } from './own-orders';

/** Draws open orders as price lines and fills as markers on `series` once `ready`. */
export function useOwnOrdersOnChart(
  series: RefObject<ISeriesApi<'Candlestick'> | null>,
  instrument: Instrument,
  interval: Interval,
  ready: boolean,
): void {
  const open = useQuery(ordersQuery('open')).data?.orders;
  const fills = useQuery(fillsQuery).data?.fills;
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const markersOf = useRef<ISeriesApi<'Candlestick'> | null>(null);

  useEffect(() => {
    const s = series.current;
    if (!s || !ready || !open) return;
    const lines: IPriceLine[] = ownPriceLines(open, instrument).map((line) =>
      s.createPriceLine({
        price: line.price,
        color: line.color,
        lineWidth: 1,
        lineStyle: LineStyle.Dashed,
        axisLabelVisible: true,
        title: line.title,
      }),
    );
    return () => {
      // The series may be gone already (the chart was removed first): the live ref says so.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      if (series.current === s) for (const line of lines) s.removePriceLine(line);
    };
  }, [series, instrument, open, ready]);

  useEffect(() => {
    const s = series.current;
    if (!s || !ready) return;
    if (markersOf.current !== s) {
      markers.current = createSeriesMarkers(s, []);
      markersOf.current = s;
    }
    markers.current?.setMarkers(
      fillMarkers(fills ?? [], instrument, interval).map((m) => ({
        ...m,
        time: m.time as UTCTimestamp,
      })),
    );
  }, [series, instrument, interval, fills, ready]);
}
