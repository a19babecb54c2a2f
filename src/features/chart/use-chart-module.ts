/**
 * Loads the chart chunk (lightweight-charts is big, so it is not on the critical path). A failed
 * download (network gone on a first visit) is tried again when `retry` turns true, instead of
 * React.lazy's behaviour of remembering the failure for the life of the page.
 */
import { useContext, useEffect, useState, type ComponentType } from 'react';
import { ChunkGuardContext } from '../../pwa/chunk-guard-context';
import { isChunkLoadError } from '../../pwa/chunk-reload';
import type { CandleChartProps } from './candle-chart';

type ChartComponent = ComponentType<CandleChartProps>;

let loaded: ChartComponent | null = null;

function loadChart(): Promise<ChartComponent> {
  return import('./candle-chart').then((module) => (loaded = module.CandleChart));
}

export interface ChartModule {
  Chart: ChartComponent | null;
  failed: boolean;
}

/** The chart component once its chunk is loaded; `retry` going true retries a failed download. */
export function useChartModule(retry: boolean): ChartModule {
  const chunkGuard = useContext(ChunkGuardContext);
  const [module, setModule] = useState<ChartModule>({ Chart: loaded, failed: false });
  const missing = module.Chart === null;
  useEffect(() => {
    if (!missing) return;
    let current = true;
    loadChart().then(
      (Chart) => current && setModule({ Chart, failed: false }),
      (error: unknown) => {
        if (!current) return;
        setModule({ Chart: null, failed: true });
        // A chunk gone after a deploy needs the new version, not a retry.
        if (isChunkLoadError(error)) void chunkGuard?.reloadIfDeployed();
      },
    );
    return () => {
      current = false;
    };
  }, [missing, retry, chunkGuard]);
  return module;
}
