/** "Update available" prompt: shown while a new version waits; reloads only on the trader's click. */
import { useSyncExternalStore } from 'react';
import { UPDATE_STATES, type UpdateController } from './update-controller';
import './pwa.css';

export interface UpdatePromptProps {
  controller: UpdateController;
}

export function UpdatePrompt({ controller }: UpdatePromptProps) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  if (state === UPDATE_STATES.idle) return null;
  const activating = state === UPDATE_STATES.activating;
  return (
    <div className="update-prompt" data-testid="update-prompt" role="status">
      <span>Update available — a new version of Quotedeck is ready.</span>
      <button
        type="button"
        onClick={controller.accept}
        disabled={activating}
        aria-busy={activating}
      >
        Reload
      </button>
    </div>
  );
}
