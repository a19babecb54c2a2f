/** What an exchange adapter counts, for logs now and /metrics later. */

export interface ExchangeStats {
  /** WebSocket connections opened after the first one. */
  reconnects: number;
  /** Sequence or checksum breaks detected. */
  gaps: number;
  /** Fresh snapshots taken to recover a book (one per gap, plus reconnects). */
  resyncs: number;
  /** Prices or sizes that were not on the instrument's grid (dropped, never rounded). */
  offGrid: number;
  /** Messages that could not be understood (dropped). */
  malformed: number;
}

/** A zeroed counter set. */
export function newExchangeStats(): ExchangeStats {
  return { reconnects: 0, gaps: 0, resyncs: 0, offGrid: 0, malformed: 0 };
}
