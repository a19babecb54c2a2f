/**
 * Gateway entry point: parses flags, builds the app with the simulator, listens and shuts down
 * gracefully on SIGINT/SIGTERM. `startGateway` does the same for in-process callers
 * (scripts/start.ts), which is why announcing and signal handling live there.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app';
import { FlagError, USAGE, parseFlags, type GatewayFlags } from './cli';
import { gatewayLogOptions } from './http/log-options';
import { accountIdForToken, resolveAccess } from './security/access-policy';
import { createMarketSource } from './sources/create-source';

const SHUTDOWN_DEADLINE_MS = 10_000;
/** `--data-dir memory://` keeps the paper account in memory only (tests, benchmarks). */
export const MEMORY_DATA_DIR = 'memory://';

export interface RunningGateway {
  /** http://host:port with the port actually bound. */
  url: string;
  /** The token clients must present, or null when the gateway is open (loopback). */
  token: string | null;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Print the one "listening on" line to stdout (default true). */
  announce?: boolean;
  /** Close and exit 0 on SIGINT/SIGTERM (default true). */
  handleSignals?: boolean;
}

/** Builds and starts a gateway for `flags`; resolves once it listens. */
export async function startGateway(
  flags: GatewayFlags,
  options: StartOptions = {},
): Promise<RunningGateway> {
  const source = await createMarketSource(flags, {
    seed: flags.seed,
    rate: flags.rate,
    ...(flags.simInstruments === undefined ? {} : { simInstruments: flags.simInstruments }),
    ...(flags.simHotShare === undefined ? {} : { simHotShare: flags.simHotShare }),
    ...(flags.simVolatility === undefined ? {} : { simVolatility: flags.simVolatility }),
    cacheDir: exchangeCacheDir(flags.dataDir),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const access = resolveAccess({
    host: flags.host,
    token: flags.token,
    allowedOrigins: flags.allowedOrigins,
  });
  // Logs (e.g. no built app to serve) go to stderr so stdout stays the URL.
  const app = await buildApp({
    source,
    staticDir: flags.staticDir,
    fanout: flags.fanout,
    ...(flags.conflateMs === undefined ? {} : { conflateMs: flags.conflateMs }),
    logger: gatewayLogOptions(flags.logLevel, process.stderr),
    access,
    rateLimits: { apiPerMinute: flags.rateLimit, ordersPerMinute: flags.orderRateLimit },
    feedLimits: { maxConnectionsPerIp: flags.maxConnectionsPerIp },
    paper: {
      // Each token trades in its own account; an open gateway keeps the 'paper' account.
      accountId: accountIdForToken(access.token),
      dataDir: paperDataDir(flags.dataDir),
      ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
      startingCash: flags.startingCash,
      makerFeeBps: flags.makerFeeBps,
      takerFeeBps: flags.takerFeeBps,
      // Markets first: opening PGlite takes seconds, and paper routes say "starting" meanwhile.
      background: true,
    },
  });
  await app.listen({ port: flags.port, host: flags.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : flags.port;
  const host = flags.host.includes(':') ? `[${flags.host}]` : flags.host;
  const url = `http://${host}:${port}`;

  const onSignal = (): void => {
    // Whatever holds the close up, an operator's Ctrl-C ends the process within a bounded time.
    setTimeout(() => {
      process.stderr.write('shutdown took too long; exiting\n');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    closing ??= app.close();
    return closing;
  };
  if (options.handleSignals ?? true) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  if (options.announce ?? true) {
    process.stdout.write(`Quotedeck gateway listening on ${url}\n`);
    // Like a notebook server: the one place the made-up token is shown.
    if (access.generated && access.token !== null) {
      process.stdout.write(`Open ${url}/?token=${access.token}\n`);
    } else if (access.token !== null) {
      process.stderr.write(
        'Quotedeck gateway requires the token given by --token/QUOTEDECK_TOKEN\n',
      );
    }
    // Markets serve from here on; paper trading once its store is open (GET /readyz says so too).
    app.gateway.paper?.ready().then(
      () => process.stderr.write('Quotedeck gateway ready: paper account open\n'),
      (error: unknown) =>
        process.stderr.write(`Quotedeck paper account could not start: ${String(error)}\n`),
    );
  }
  return { url, token: access.token, close };
}

/** Where exchanges cache instruments and history: <dir>/exchanges (a temp dir for memory://). */
export function exchangeCacheDir(dataDir: string): string {
  return dataDir === MEMORY_DATA_DIR
    ? join(tmpdir(), 'quotedeck-exchange-cache')
    : join(dataDir, 'exchanges');
}

/** Where PGlite keeps the paper account: <dir>/paper, or in memory for `memory://`. */
export function paperDataDir(dataDir: string): string {
  return dataDir === MEMORY_DATA_DIR ? MEMORY_DATA_DIR : join(dataDir, 'paper');
}

async function main(argv: string[]): Promise<void> {
  let flags: GatewayFlags;
  try {
    flags = parseFlags(argv, process.env);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  await startGateway(flags);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`gateway failed to start: ${reason}\n`);
    process.exit(1);
  });
}
