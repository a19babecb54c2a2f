/** The benchmark's handle on its load process: starts it, sends commands, awaits its answers. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killOnExit, stopChild } from './gateway-process';
import {
  parseLoadEvent,
  type ConnectCommand,
  type LoadCommand,
  type LoadEvent,
  type LoadReport,
} from './load-messages';

const ENTRY = fileURLToPath(new URL('./load-process.ts', import.meta.url));

export interface LoadChild {
  pid: number;
  /** Opens and subscribes the clients; resolves with how many opened. */
  connect(
    command: Omit<ConnectCommand, 'type'>,
    timeoutMs: number,
  ): Promise<{ open: number; failed: number; firstError: string | null }>;
  /** Starts the measuring window (counters reset). */
  mark(): Promise<void>;
  /** Ends the window and returns what the clients saw during it. */
  report(): Promise<LoadReport>;
  stop(): Promise<void>;
}

/** Forks the load process (with tsx, like the gateway). */
export function startLoadChild(): LoadChild {
  const child: ChildProcess = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  killOnExit(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error('load process started without a pid');

  const next = <T extends LoadEvent['type']>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<LoadEvent, { type: T }>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`load process: no ${type} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onMessage = (raw: unknown): void => {
        const event = parseLoadEvent(raw);
        if (event === null)
          return finish(new Error(`load process sent a malformed event: ${String(raw)}`));
        if (event.type === type) finish(null, event as Extract<LoadEvent, { type: T }>);
      };
      const onExit = (code: number | null): void =>
        finish(new Error(`load process exited (${code}) while waiting for ${type}`));
      function finish(error: Error | null, event?: Extract<LoadEvent, { type: T }>): void {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (error || !event) reject(error ?? new Error('no event'));
        else resolve(event);
      }
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const send = (command: LoadCommand): void => {
    child.send(command);
  };

  return {
    pid,
    async connect(command, timeoutMs) {
      const answer = next('connected', timeoutMs);
      send({ type: 'connect', ...command });
      const { open, failed, firstError } = await answer;
      return { open, failed, firstError };
    },
    async mark() {
      const answer = next('marked', 10_000);
      send({ type: 'mark' });
      await answer;
    },
    async report() {
      const answer = next('report', 10_000);
      send({ type: 'report' });
      return (await answer).report;
    },
    async stop() {
      if (child.connected) send({ type: 'stop' });
      await stopChild(child, 'SIGTERM');
    },
  };
}
