import { describe, expect, it } from 'vitest';
import { FakeEnvironment, FakeWorkbox } from './fake-workbox';
import {
  FOCUS_CHECK_MIN_INTERVAL_MS,
  UPDATE_CHECK_INTERVAL_MS,
  createUpdateController,
} from './update-controller';

async function started() {
  const wb = new FakeWorkbox();
  const env = new FakeEnvironment();
  const controller = createUpdateController(wb, env);
  await controller.start();
  return { wb, env, controller };
}

describe('createUpdateController', () => {
  it('registers the worker and shows nothing until a new version waits', async () => {
    const { wb, controller } = await started();
    expect(wb.registered).toBe(1);
    expect(controller.getState()).toBe('idle');
    wb.emit('waiting');
    expect(controller.getState()).toBe('available');
  });

  it('never reloads before the trader accepts, even when another tab activated the worker', async () => {
    const { wb, env, controller } = await started();
    wb.emit('waiting');
    wb.emit('controlling');
    expect(env.reloads).toBe(0);
    expect(wb.skipWaitingMessages).toBe(0);
    expect(controller.getState()).toBe('available');
  });

  it('on accept sends SKIP_WAITING and reloads once the new worker controls the page', async () => {
    const { wb, env, controller } = await started();
    wb.emit('waiting');
    controller.accept();
    expect(wb.skipWaitingMessages).toBe(1);
    expect(controller.getState()).toBe('activating');
    expect(env.reloads).toBe(0);
    wb.emit('controlling');
    wb.emit('controlling');
    expect(env.reloads).toBe(1);
  });

  it('ignores an accept when nothing is waiting and a second click while activating', async () => {
    const { wb, controller } = await started();
    controller.accept();
    expect(wb.skipWaitingMessages).toBe(0);
    wb.emit('waiting');
    controller.accept();
    controller.accept();
    expect(wb.skipWaitingMessages).toBe(1);
  });

  it('notifies subscribers when the state changes', async () => {
    const { wb, controller } = await started();
    const seen: string[] = [];
    const unsubscribe = controller.subscribe(() => seen.push(controller.getState()));
    wb.emit('waiting');
    wb.emit('waiting');
    controller.accept();
    unsubscribe();
    expect(seen).toEqual(['available', 'activating']);
  });

  it('checks for updates periodically and on focus, but not on every focus flap', async () => {
    const { wb, env } = await started();
    env.advance(UPDATE_CHECK_INTERVAL_MS);
    expect(wb.updates).toBe(1);
    env.focus();
    expect(wb.updates).toBe(1);
    env.time += FOCUS_CHECK_MIN_INTERVAL_MS;
    env.focus();
    expect(wb.updates).toBe(2);
    env.focus();
    expect(wb.updates).toBe(2);
  });

  it('survives a failed update check (offline) and stops checking after stop()', async () => {
    const { wb, env, controller } = await started();
    wb.failUpdates = true;
    await expect(controller.checkForUpdate()).resolves.toBeUndefined();
    controller.stop();
    env.advance(UPDATE_CHECK_INTERVAL_MS);
    env.time += FOCUS_CHECK_MIN_INTERVAL_MS;
    env.focus();
    wb.emit('waiting');
    expect(wb.updates).toBe(1);
    expect(controller.getState()).toBe('idle');
  });
});
