/** Test helper: tries a WebSocket upgrade and reports whether it opened or the HTTP status. */
import WebSocket from 'ws';

export type UpgradeOutcome = { opened: true } | { opened: false; status: number };

/** Opens `url` with `headers` (Origin, Cookie, Authorization…) and closes it again at once. */
export function tryUpgrade(
  url: string,
  headers: Record<string, string> = {},
): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      // Resolve once fully closed, so the gateway holds no half-closed socket afterwards.
      socket.once('close', () => resolve({ opened: true }));
      socket.close();
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve({ opened: false, status: response.statusCode ?? 0 });
      response.resume();
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}
