import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { LevelWithSilent } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createPlatform } from './platform/platform.js';
import type { Platform } from './platform/types.js';
import { createApp } from './proxy/app.js';
import { createSmtpMailer, redactSmtpUrl } from './mail/mailer.js';
import { answerClientErrors } from './proxy/client-error.js';
import { createLogger, type Logger } from './log.js';

/** In-flight requests get this long to finish on close before their connections are cut. */
const CLOSE_GRACE_MS = 10_000;

export interface RunningProxy {
  /** Where this process answers, base path included, e.g. http://127.0.0.1:8787/ce */
  url: string;
  port: number;
  /** The interface it listens on: loopback (127.0.0.1) in development unless CE_HOST says otherwise, else every interface. */
  address: string;
  close(): Promise<void>;
  platform: Platform;
}

/** Creates the platform, serves the proxy on Node, and closes both gracefully. */
export async function startProxy(config: Config, opts: { logger?: Logger } = {}): Promise<RunningProxy> {
  const logger = opts.logger ?? createLogger();
  let publicUrl = config.publicUrl;
  const mailer = config.mail && createSmtpMailer(config.mail, logger);
  if (config.mail) logger.info({ smtp: redactSmtpUrl(config.mail.url) }, 'Invitation emails go through SMTP');
  else logger.warn('No SMTP server (SMTP_URL, MAIL_FROM): invitations are stored and marked not_sent, not emailed.');
  const platform = await createPlatform({
    ...config.platform,
    oauthCallbackUrl: () => `${publicUrl}/oauth/callback`,
    ...(mailer ? { mailer } : {}),
    invitations: { hostName: config.hostName, pageUrl: () => `${publicUrl}/connect` },
    logger,
  });
  for (const { key, reason } of platform.skipped) {
    logger.warn({ element: key, reason }, `Element ${key} is left out of the catalog: ${reason}`);
  }
  const app = createApp({ platform, config, logger });
  const hostname = config.host ?? (config.development ? '127.0.0.1' : '0.0.0.0');

  let server: Server;
  try {
    server = await new Promise<Server>((ok, fail) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname }, () => ok(s)) as Server;
      s.once('error', fail);
    });
  } catch (e) {
    await platform.close();
    throw e;
  }
  answerClientErrors(server);
  const { port, address } = server.address() as AddressInfo;
  const shownHost = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname.includes(':') ? `[${hostname}]` : hostname;
  const url = `http://${shownHost}:${port}${config.basePath ?? ''}`;
  // Port 0 takes a free port: the default public URL (and so the OAuth callback) learns which one now.
  if (new URL(config.publicUrl).port === '0') publicUrl = url;
  logger.info(
    { url, publicUrl: config.publicUrl, development: config.development, allowedOrigins: config.allowedOrigins },
    `Proxy listening on ${url}`,
  );
  if (config.allowedOrigins.length === 0) {
    logger.warn('No allowed origins (CE_ALLOWED_ORIGINS): browser pages on other origins cannot call this proxy.');
  }
  if (config.development) logger.warn('Development mode: sandbox elements may reach loopback addresses.');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((done) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          done();
        });
        server.closeIdleConnections();
      });
      await platform.close();
      logger.info('Proxy closed');
    })());
  return { url, port, address, close, platform };
}

/** `tsx src/server/main.ts`: configuration from the environment (and CE_CONFIG_FILE), then serve. */
async function run() {
  const level = (process.env.CE_LOG_LEVEL ?? 'info') as LevelWithSilent;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) {
    console.error(`Invalid configuration: CE_LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent`);
    process.exit(1);
  }
  const logger = createLogger({ level });
  let config: Config;
  try {
    config = loadConfig(process.env, { logger });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
  let proxy: RunningProxy;
  try {
    proxy = await startProxy(config, { logger });
  } catch (e) {
    // A bad element definition, a wrong encryption key, a port in use: say it plainly and stop.
    console.error(`The proxy could not start: ${(e as Error).message}`);
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'Shutting down');
      proxy.close().then(
        () => process.exit(0),
        (e: unknown) => {
          logger.error({ err: e }, 'Close failed');
          process.exit(1);
        },
      );
    });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run();
