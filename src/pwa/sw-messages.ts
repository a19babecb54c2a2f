/** Messages between the page and the service worker (postMessage is an I/O boundary). */

export const SKIP_WAITING = 'SKIP_WAITING';

/** True for the message that asks a waiting worker to activate (sent after the trader accepts). */
export function isSkipWaitingMessage(data: unknown): boolean {
  return (
    typeof data === 'object' && data !== null && (data as { type?: unknown }).type === SKIP_WAITING
  );
}
