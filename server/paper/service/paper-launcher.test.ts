import { describe, expect, it, vi } from 'vitest';
import type { Subscriber } from '../../hub/stream';
import type { AccountChannel } from './account-feed';
import { PaperLauncher, type RunningPaper } from './paper-launcher';
import { PaperUnavailableError, type PaperService } from './paper-service';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function fakeRunning() {
  const subscribed: Subscriber[] = [];
  const feed: AccountChannel = {
    subscribe: (s) => subscribed.push(s),
    unsubscribe: (s) => subscribed.splice(subscribed.indexOf(s), 1),
  };
  const service = { accountId: 'paper' } as unknown as PaperService;
  const close = vi.fn(async () => undefined);
  const running: RunningPaper = { service, feed, close };
  return { running, subscribed, close };
}

const subscriber = (): Subscriber => ({ push: () => undefined });

describe('PaperLauncher', () => {
  it('says "starting" until the store is open, then serves the account', async () => {
    const start = deferred<RunningPaper>();
    const launcher = new PaperLauncher(() => start.promise, vi.fn());
    expect(launcher.state).toBe('starting');
    expect(() => launcher.service()).toThrow(PaperUnavailableError);
    expect(() => launcher.service()).toThrow(/starting/);
    const { running } = fakeRunning();
    start.resolve(running);
    await expect(launcher.ready()).resolves.toBe(running.service);
    expect(launcher.state).toBe('ready');
    expect(launcher.service()).toBe(running.service);
  });

  it('subscribes sessions that asked for the account while it started, except those that left', async () => {
    const start = deferred<RunningPaper>();
    const launcher = new PaperLauncher(() => start.promise, vi.fn());
    const stays = subscriber();
    const leaves = subscriber();
    launcher.subscribe(stays);
    launcher.subscribe(leaves);
    launcher.unsubscribe(leaves);
    const { running, subscribed } = fakeRunning();
    start.resolve(running);
    await launcher.ready();
    expect(subscribed).toEqual([stays]);
    const late = subscriber();
    launcher.subscribe(late);
    expect(subscribed).toEqual([stays, late]);
  });

  it('reports a failed start once and explains it to every later request', async () => {
    const onFailed = vi.fn();
    const launcher = new PaperLauncher(
      () => Promise.reject(new Error('data/paper is locked by process 42')),
      onFailed,
    );
    await expect(launcher.ready()).rejects.toThrow(/locked/);
    expect(onFailed).toHaveBeenCalledOnce();
    expect(launcher.state).toBe('failed');
    expect(() => launcher.service()).toThrow(/could not start: data\/paper is locked/);
    launcher.subscribe(subscriber());
    await expect(launcher.close()).resolves.toBeUndefined();
  });

  it('closes a store that finishes opening after the gateway began closing', async () => {
    const start = deferred<RunningPaper>();
    const launcher = new PaperLauncher(() => start.promise, vi.fn());
    const closing = launcher.close();
    const { running, close } = fakeRunning();
    start.resolve(running);
    await closing;
    expect(close).toHaveBeenCalledOnce();
  });

  it('reports the database reachable, unreachable (error or no answer in time) or unknown', async () => {
    const { running } = fakeRunning();
    let answer: () => Promise<unknown> = async () => 1;
    const withPing: RunningPaper = { ...running, ping: () => answer() };
    const launcher = new PaperLauncher(async () => withPing, vi.fn());
    await launcher.ready();
    expect(await launcher.databaseReachable()).toBe(true);
    answer = () => Promise.reject(new Error('gone'));
    expect(await launcher.databaseReachable()).toBe(false);
    answer = () => new Promise(() => undefined);
    expect(await launcher.databaseReachable(20)).toBe(false);
    const starting = new PaperLauncher(() => new Promise(() => undefined), vi.fn());
    expect(await starting.databaseReachable()).toBeNull();
  });
});
