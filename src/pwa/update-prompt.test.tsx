// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEnvironment, FakeWorkbox } from './fake-workbox';
import { createUpdateController } from './update-controller';
import { UpdatePrompt } from './update-prompt';

async function setup() {
  const wb = new FakeWorkbox();
  const env = new FakeEnvironment();
  const controller = createUpdateController(wb, env);
  await controller.start();
  render(<UpdatePrompt controller={controller} />);
  return { wb, env };
}

describe('UpdatePrompt', () => {
  afterEach(cleanup);

  it('is absent while no new version waits', async () => {
    await setup();
    expect(screen.queryByTestId('update-prompt')).toBeNull();
  });

  it('appears for a waiting worker and reloads only after the click', async () => {
    const { wb, env } = await setup();
    act(() => wb.emit('waiting'));
    const prompt = screen.getByTestId('update-prompt');
    expect(prompt.textContent).toContain('Update available');
    expect(env.reloads).toBe(0);

    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(wb.skipWaitingMessages).toBe(1);
    expect(env.reloads).toBe(0);
    expect(screen.getByRole('button', { name: 'Reload' }).hasAttribute('disabled')).toBe(true);

    act(() => wb.emit('controlling'));
    expect(env.reloads).toBe(1);
  });
});
