/** Chart panel: interval buttons (eager) and the chart itself (lazy chunk). */
import type { Instrument } from '../../../protocol/instruments';
import { INTERVAL_NAMES } from '../../../protocol/intervals';
import { Panel } from '../../components/panel';
import { useConnectionStore } from '../../stores/connection-store';
import { sliceKey } from '../../stores/freshness-store';
import { usePreferencesStore } from '../../stores/preferences-store';
import { usePanelFreshness } from '../../stores/use-panel-freshness';
import { useChartModule } from './use-chart-module';

export interface ChartSectionProps {
  instrument: Instrument | undefined;
}

export function ChartSection({ instrument }: ChartSectionProps) {
  const interval = usePreferencesStore((s) => s.interval);
  const setInterval = usePreferencesStore((s) => s.setInterval);
  const freshness = usePanelFreshness({
    slice: instrument && sliceKey.candle(instrument.id, interval),
    channel: 'candles',
    inst: instrument?.id ?? -1,
  });
  const buttons = (
    <div className="intervals" role="group" aria-label="Chart interval">
      {INTERVAL_NAMES.map((name) => (
        <button
          key={name}
          type="button"
          aria-pressed={name === interval}
          onClick={() => setInterval(name)}
        >
          {name}
        </button>
      ))}
    </div>
  );
  const placeholder = <div className="chart skeleton" aria-hidden="true" />;
  const reachable = useConnectionStore((s) => s.state === 'live' || s.state === 'degraded');
  const { Chart, failed } = useChartModule(reachable);
  const unavailable = (
    <div className="chart chart-unavailable" role="status">
      The chart could not be downloaded; it loads when the connection is back.
    </div>
  );
  return (
    <Panel title="Chart" className="area-chart" actions={buttons} freshness={freshness}>
      {instrument ? (
        Chart ? (
          <Chart instrument={instrument} interval={interval} />
        ) : failed ? (
          unavailable
        ) : (
          placeholder
        )
      ) : (
        placeholder
      )}
    </Panel>
  );
}
