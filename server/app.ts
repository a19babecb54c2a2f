/**
 * The gateway factory: builds the hub, the /ws feed, the REST API and static serving without
 * opening a port. The source starts when the app is ready and stops when it closes.
 */
import { constants as zlib } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Registry } from 'prom-client';
import { Hub } from './hub/hub';
import { installErrorHandler, sendError } from './http/errors';
import { registerHealthRoute } from './http/health-route';
import { registerReadyRoute } from './http/ready-route';
import { registerInstrumentsRoute } from './http/instruments-route';
import { registerMarketRoutes } from './http/market-routes';
import { registerPaperRoutes } from './http/paper-routes';
import { AccountFeed } from './paper/service/account-feed';
import { PaperLauncher, type RunningPaper } from './paper/service/paper-launcher';
import { hubMarketView } from './paper/service/hub-market';
import { PaperService } from './paper/service/paper-service';
import { openPaperStore } from './paper/store/open-paper-store';
import type { PaperStore } from './paper/store/paper-store';
import { createFeedRegistry, registerMetricsRoute } from './http/metrics-route';
import { registerHttpMetrics } from './http/http-metrics';
import { registerAccessControl } from './security/access-control';
import type { AccessPolicy } from './security/access-policy';
import { DEFAULT_RATE_LIMITS, registerRateLimits, type RateLimits } from './security/rate-limits';
import { registerSecurityHeaders } from './security/security-headers';
import { registerNotFound, registerStatic } from './http/static-route';
import type { MarketSource } from './sources/source';
import { FeedStats } from './ws/feed-stats';
import { registerFeedRoute, type FeedRoute, type FeedRouteOptions } from './ws/feed-route';
import type { Session } from './ws/session';
import { MAX_CLIENT_FRAME_BYTES } from './ws/session-options';
import type { FanoutMode } from './ws/wire-format';

/** The feed's abuse limits (see FeedRouteOptions and SessionOptions for the defaults). */
export type FeedLimits = Pick<
  FeedRouteOptions,
  'maxConnectionsPerIp' | 'maxTotalBufferedBytes' | 'maxSubscriptions' | 'maxMessagesPerSecond'
>;

export interface AppOptions {
  source: MarketSource;
  /** Built app to serve; defaults to dist/ at the repository root; null serves none. */
  staticDir?: string | null;
  heartbeatMs?: number;
  logger?: FastifyServerOptions['logger'];
  /** Conflation tick for tickers and candles, ms. */
  conflateMs?: number;
  /** Unsent bytes a client may hold before it is dropped as too slow (default 8 MiB). */
  maxBufferedBytes?: number;
  /** Unsent bytes past which a client's streams are conflated (default 1 MiB). */
  softBufferedBytes?: number;
  /** How long a client may stay conflated before it is dropped (default 10 s). */
  maxLagMs?: number;
  /** Abuse limits of the feed (connections per address, subscriptions, messages/s, memory). */
  feedLimits?: FeedLimits;
  /**
   * `shared` (default): encode once per stream, batch per tick. `naive`: a benchmark baseline
   * that JSON-encodes every message per client and sends one frame per message.
   */
  fanout?: FanoutMode;
  /** The paper-trading account; absent or null runs none (no /api/orders…, no account channel). */
  paper?: PaperAppOptions | null;
  /** Who may use the API, the feed and the metrics; default: open, as bound to loopback. */
  access?: AccessPolicy;
  /** Per-client API request limits; default DEFAULT_RATE_LIMITS (apiPerMinute 0 turns them off). */
  rateLimits?: RateLimits;
}

/** The policy of a gateway bound to loopback without a token. */
export const OPEN_ACCESS: AccessPolicy = {
  token: null,
  generated: false,
  loopback: true,
  allowedOrigins: [],
};

export interface PaperAppOptions {
  /** PGlite data directory (e.g. data/paper) or `memory://`; ignored when databaseUrl is set. */
  dataDir?: string;
  /** PostgreSQL URL (DATABASE_URL); wins over dataDir. */
  databaseUrl?: string;
  /** An open store to use instead (tests share one); the app does not close it. */
  store?: PaperStore;
  /** Default `paper`. */
  accountId?: string;
  /** Money units (MONEY_SCALE) a new or reset account starts with. */
  startingCash?: bigint;
  makerFeeBps?: number;
  takerFeeBps?: number;
  /** Interval of account marks on the socket, ms (default 500). */
  markMs?: number;
  /**
   * Open the store in the background (the gateway's CLI): buildApp returns at once, paper routes
   * answer 503 until it is open, and a failure is logged instead of failing the build.
   */
  background?: boolean;
}

/** What tests (and diagnostics) can reach through `app.gateway`. */
export interface Gateway {
  hub: Hub;
  sessions: Set<Session>;
  /** This app's feed metrics (quotedeck_ws_*), as served by GET /metrics. */
  metrics: Registry;
  stats: FeedStats;
  /** The paper account, when the app runs one (it may still be starting). */
  paper: PaperLauncher | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    gateway: Gateway;
  }
}

export const DEFAULT_HEARTBEAT_MS = 15_000;
export { MAX_CLIENT_FRAME_BYTES };
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** Builds the gateway app (not listening). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Errors fastify raises before routing (a broken percent-escape in the path…) get the same
    // {"error":{"code","message"}} body as every other refusal.
    frameworkErrors: (error, _request, reply) => {
      void sendError(reply, 400, 'bad_request', error.message);
    },
  });
  const hub = new Hub(options.source, { conflateMs: options.conflateMs });
  const sessions = new Set<Session>();
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const stats = new FeedStats();
  // Registered further down; the metrics read it lazily at scrape time.
  let feed: FeedRoute | null = null;
  const metrics = createFeedRegistry({
    stats,
    connections: () => sessions.size,
    subscriptions: () => {
      let total = 0;
      for (const session of sessions) total += session.subscriptionCount;
      return total;
    },
    unsentBytes: () => feed?.budget.totalBytes ?? 0,
    peakClientUnsentBytes: () => feed?.budget.peakMemberBytes ?? 0,
    venues: () => options.source.counters?.() ?? [],
  });
  const paper = options.paper ? launchPaper(app, hub, options.paper) : null;
  if (paper && !options.paper?.background) await paper.ready();
  app.decorate('gateway', { hub, sessions, metrics, stats, paper });
  installErrorHandler(app);
  // Every answer names its request id, so a client's report can be found in the logs.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  const rateLimits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  // Before any route: these attach to routes as they are added.
  await registerSecurityHeaders(app);
  await registerRateLimits(app, rateLimits);
  registerHttpMetrics(app, metrics);

  await app.register(compress, {
    encodings: ['br', 'gzip'],
    // Quality 4 compresses JSON well at a fraction of the default's CPU cost.
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(websocket, {
    options: { maxPayload: MAX_CLIENT_FRAME_BYTES, perMessageDeflate: false },
    // On close, every feed client hears why (1001) and none can hold the shutdown up; upgrades
    // arriving after this are refused by the closed WebSocket server.
    preClose(done) {
      for (const session of [...sessions]) session.shutdown();
      this.websocketServer.close();
      done();
    },
  });

  // After @fastify/websocket: its onRequest hook must mark upgrades first, or a refused upgrade
  // leaves its socket open.
  registerAccessControl(app, options.access ?? OPEN_ACCESS);

  feed = registerFeedRoute(app, hub, sessions, {
    heartbeatMs,
    maxBufferedBytes: options.maxBufferedBytes,
    softBufferedBytes: options.softBufferedBytes,
    maxLagMs: options.maxLagMs,
    fanout: options.fanout,
    ...options.feedLimits,
    stats,
    ...(paper ? { account: paper } : {}),
  });
  registerMetricsRoute(app, metrics);
  registerInstrumentsRoute(app, hub);
  registerMarketRoutes(app, hub);
  if (paper) await registerPaperRoutes(app, paper, hub, rateLimits);
  registerHealthRoute(app, options.source.name, () => sessions.size);
  registerReadyRoute(app, hub, paper);
  if (options.staticDir !== null) {
    await registerStatic(app, options.staticDir ?? DEFAULT_STATIC_DIR);
  } else {
    registerNotFound(app);
  }

  app.addHook('onReady', async () => hub.start());
  app.addHook('onClose', async () => {
    await hub.stop();
    // No more trades arrive; let queued commands finish before the store goes.
    if (paper) await paper.close();
  });
  return app;
}

/** Starts the paper account; a failure is logged (and, unless in background, fails the build). */
function launchPaper(app: FastifyInstance, hub: Hub, options: PaperAppOptions): PaperLauncher {
  return new PaperLauncher(
    () => startPaper(app, hub, options),
    (error) => {
      if (options.background) app.log.error({ err: error }, 'paper account could not start');
    },
  );
}

/** Opens the store (unless given one), loads the account and starts its socket channel. */
async function startPaper(
  app: FastifyInstance,
  hub: Hub,
  options: PaperAppOptions,
): Promise<RunningPaper> {
  const store =
    options.store ??
    (await openPaperStore({
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    }));
  const onError = (error: unknown): void => app.log.error({ err: error }, 'paper account');
  const service = new PaperService({
    store,
    instruments: hub.instruments,
    market: hubMarketView(hub),
    onTrade: (listener) => hub.onTrade(listener),
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
    ...(options.startingCash === undefined ? {} : { startingCash: options.startingCash }),
    ...(options.makerFeeBps === undefined ? {} : { makerFeeBps: options.makerFeeBps }),
    ...(options.takerFeeBps === undefined ? {} : { takerFeeBps: options.takerFeeBps }),
    onError,
  });
  try {
    await service.start();
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
  const feed = new AccountFeed(service, {
    ...(options.markMs === undefined ? {} : { markMs: options.markMs }),
    onError,
  });
  feed.start();
  return {
    service,
    feed,
    ping: () => store.getBalance(service.accountId),
    async close() {
      feed.stop();
      await service.close();
      if (!options.store) await store.close();
    },
  };
}
