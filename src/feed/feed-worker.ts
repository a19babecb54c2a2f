/**
 * The feed worker: owns the one WebSocket of this page, so decoding and conflation never compete
 * with rendering. Commands come from feed-client.ts; batches go back with postMessage.
 */
import { isWorkerCommand } from './worker-command';
import { FeedSession } from './feed-session';

/** The parts of DedicatedWorkerGlobalScope used here (the browser tsconfig has only the DOM lib). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown): void;
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
}

const scope = self as unknown as WorkerScope;
let session: FeedSession | null = null;

scope.onmessage = (event: MessageEvent<unknown>) => {
  const command = event.data;
  if (!isWorkerCommand(command)) return;
  switch (command.type) {
    case 'start':
      if (session) return;
      session = new FeedSession({
        url: command.url,
        createSocket: (url) => new WebSocket(url),
        post: (batch) => scope.postMessage(batch),
      });
      session.start();
      return;
    case 'instruments':
      session?.setInstruments(command.instruments);
      return;
    case 'subscribe':
      session?.subscribe(command.spec);
      return;
    case 'unsubscribe':
      session?.unsubscribe(command.spec);
      return;
    case 'network':
      session?.setNetwork(command.online);
      return;
    case 'stop':
      session?.stop();
      session = null;
      return;
  }
};

// The page forwards its own events too (see feed-client); either may come first, both are harmless.
scope.addEventListener('online', () => session?.setNetwork(true));
scope.addEventListener('offline', () => session?.setNetwork(false));
