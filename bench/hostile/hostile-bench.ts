/**
 * Hostile-client benchmark: the scenarios of server/ws/hostile-clients.test.ts and
 * hostile-firehose.test.ts against a real gateway child (as an operator starts it, with its
 * shipped feed limits and a token), measured from outside: /proc for RSS, /metrics for what the
 * gateway holds and counts, and the clients for close codes and times. It writes the table the
 * closing note of the reliability issue asks for: each scenario, the bound, the measured figure.
 * About a minute; `npm run bench -- hostile` runs it alone.
 */
import { randomBytes } from 'node:crypto';
import { startGatewayChild, type GatewayChild } from '../fanout/gateway-process';
import type { BenchRow } from '../table';
import { fetchSymbols, waitUntilReady } from '../soak/gateway-api';
import { hostileRows, hostileTable, notMeasured, type HostileFigure } from './hostile-rows';
import {
  accessRefusals,
  apiFlood,
  connectionsPerAddress,
  garbageFrames,
  messageFlood,
  neverReads,
  oversizedFrame,
  subscribeFlood,
  type Target,
} from './scenarios';

export interface HostileResult {
  rows: BenchRow[];
  notes: string[];
  /** The scenario / bound / measured table (Markdown). */
  table: string;
}

/** Simulator events per second: a firehose the never-reading client falls behind on quickly. */
const FIREHOSE_RATE = 20_000;
/** A low API budget, so exceeding it takes a hundred requests rather than the default's 1,200. */
const API_PER_MINUTE = 100;

const SCENARIOS: Array<[string, (t: Target) => Promise<HostileFigure[]>]> = [
  ['never-reading client', neverReads],
  ['oversized frame', oversizedFrame],
  ['garbage frames', garbageFrames],
  ['subscribe flood', subscribeFlood],
  ['message flood', messageFlood],
  ['connections from one address', connectionsPerAddress],
  ['access refusals', accessRefusals],
  ['API flood', apiFlood],
];

/** Runs every scenario against one gateway child; a scenario that throws is "not measured". */
export async function runHostileBench(
  log: (line: string) => void = (line) => console.log(line),
): Promise<HostileResult> {
  const started = performance.now();
  const token = randomBytes(24).toString('base64url');
  const figures: HostileFigure[] = [];
  const notes = [
    `hostile: one gateway child with its shipped feed limits, --rate ${FIREHOSE_RATE}, ` +
      `--token (given, so enforced on loopback), --rate-limit ${API_PER_MINUTE}`,
  ];
  let gateway: GatewayChild | null = null;
  try {
    gateway = await startGatewayChild([
      ...['--no-static', '--rate', String(FIREHOSE_RATE), '--seed', '1'],
      ...['--token', token, '--rate-limit', String(API_PER_MINUTE)],
    ]);
    await waitUntilReady(gateway.url, token);
    const target: Target = {
      url: gateway.url,
      wsUrl: `${gateway.url.replace(/^http/, 'ws')}/ws`,
      pid: gateway.pid,
      token,
      symbols: await fetchSymbols(gateway.url, token),
      apiPerMinute: API_PER_MINUTE,
    };
    for (const [name, scenario] of SCENARIOS) {
      log(`  ${name} …`);
      try {
        figures.push(...(await scenario(target)));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        figures.push(notMeasured(name, 'see notes', why));
        notes.push(`hostile ${name} failed: ${why}`);
      }
    }
    if (gateway.stderr().trim() !== '') {
      notes.push(`hostile gateway stderr (tail): ${gateway.stderr().trim().slice(-600)}`);
    }
  } catch (error) {
    notes.push(`hostile failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await gateway?.stop();
  }
  notes.push(`hostile took ${Math.round((performance.now() - started) / 1000)} s`);
  const table = hostileTable(figures);
  notes.push(`hostile table:\n${table}`);
  return { rows: hostileRows(figures), notes, table };
}
