/**
 * Stochastic volatility shared by the live book and the generated history: a log-volatility
 * shock that mean-reverts over an hour or two, so calm and stormy stretches alternate.
 */
import type { Random } from './random';

export const YEAR_MS = 365.25 * 24 * 3600 * 1000;
/** Mean reversion per year of the log-volatility shock. */
const KAPPA = 3000;
/** Long-run standard deviation of the log-volatility shock. */
const SD = 0.45;

/** The shock `dtMs` later (exact Ornstein-Uhlenbeck step, also valid walking backward). */
export function nextRegime(regime: number, dtMs: number, rng: Random): number {
  const decay = Math.exp((-KAPPA * dtMs) / YEAR_MS);
  return regime * decay + SD * Math.sqrt(1 - decay * decay) * rng.normal();
}

/** Annualized volatility under the shock; its long-run variance equals `volatility` squared. */
export function regimeVolatility(volatility: number, regime: number): number {
  return volatility * Math.exp(regime - SD * SD);
}
