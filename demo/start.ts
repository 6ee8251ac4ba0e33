// `npm start`: the sandbox providers, the proxy (development mode, SQLite under .data/) and the
// "Acme Books" host page on another origin, wired to each other. Tests and the bench start the
// same stack on ephemeral ports through startDemo().
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../src/server/config.js';
import { startProxy } from '../src/server/main.js';
import { startSandbox, SANDBOX_CREDENTIALS } from './sandbox/server.js';
import { SANDBOX_CRM } from './sandbox/crm.js';
import { createHostApp, DEMO_TENANT_ID, DEMO_USER } from './host/server.js';
import { listen } from './host/listen.js';
import { startMailbox, type Mailbox } from './mailbox.js';

export const DEFAULT_PORTS = { host: 4400, proxy: 4401, sandbox: 4402, smtp: 4403 } as const;

export interface DemoOptions {
  /** 0 (or absent) picks a free port. */
  ports?: { host?: number; proxy?: number; sandbox?: number; smtp?: number };
  /** SQLite file, encryption key and generated dev secrets; default `<repo>/.data`. */
  dataDir?: string;
  /** The host's common resources (JSON file); default $CE_COMMON_RESOURCES, else Acme Books' own (host/common-resources.json). */
  commonResourcesFile?: string;
  logger?: Logger;
}

export interface Demo {
  /** The page to open, e.g. http://localhost:4400 */
  hostUrl: string;
  proxyUrl: string;
  sandboxUrl: string;
  /** For tests and the bench, which mint tokens like the host's backend does. */
  adminApiKey: string;
  tenantId: string;
  /** The local SMTP server the proxy sends invitation emails to. */
  mailbox: Mailbox;
  close(): Promise<void>;
}

/**
 * Sandbox CRM's demo app, registered as an OAuth 2 app is with a real provider: its client id and
 * secret as the host's secrets. Its redirect URIs are the proxy's callback on any loopback port.
 */
export const sandboxSecrets = () => ({
  'sandbox-crm': { 'oauth.api.key': SANDBOX_CREDENTIALS.crm.clientId, 'oauth.api.secret': SANDBOX_CREDENTIALS.crm.clientSecret },
});

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** Acme Books' common resources: its Customer, with the fields end users map. */
export const COMMON_RESOURCES_FILE = fileURLToPath(new URL('./host/common-resources.json', import.meta.url));

export async function startDemo(opts: DemoOptions = {}): Promise<Demo> {
  const logger = opts.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  const dataDir = resolve(opts.dataDir ?? `${repoRoot}/.data`);
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((e: unknown) => logger.error({ err: e }, 'demo: stop failed'));
  };
  try {
    const sandbox = await startSandbox({ port: opts.ports?.sandbox ?? 0 });
    stops.push(() => sandbox.close());

    // Invitation emails go to a local SMTP server; the host's Mailbox page shows them.
    const mailbox = await startMailbox({ port: opts.ports?.smtp ?? 0 });
    stops.push(() => mailbox.close());

    // The host binds first: the proxy's CORS allowlist needs its exact origin.
    const host = await listen({ port: opts.ports?.host ?? 0, urlHost: 'localhost' });
    stops.push(() => host.close());

    // The host's backend is the webhook endpoint; a fresh secret each start, shared by the two in memory.
    const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`;
    const config = loadConfig(
      {
        CE_PORT: String(opts.ports?.proxy ?? 0),
        CE_DEVELOPMENT: 'true',
        CE_DATA_DIR: dataDir,
        CE_ALLOWED_ORIGINS: host.url,
        CE_SANDBOX_URL: sandbox.url,
        // Acme Books' own objects, which its customers map to their apps' (the Customer).
        CE_COMMON_RESOURCES: opts.commonResourcesFile ?? process.env.CE_COMMON_RESOURCES ?? COMMON_RESOURCES_FILE,
        CE_WEBHOOK_URL: `http://127.0.0.1:${host.port}/webhooks/ce`,
        CE_WEBHOOK_SECRET: webhookSecret,
        SMTP_URL: mailbox.url,
        MAIL_FROM: 'Acme Books <invitations@acme-books.test>',
        CE_HOST_NAME: 'Acme Books',
        // A host may still add real apps' secrets to the demo (see "Configuring the proxy").
        CE_CONFIG_FILE: process.env.CE_CONFIG_FILE,
        CE_SECRETS: JSON.stringify({
          ...sandboxSecrets(),
          ...(process.env.CE_SECRETS ? (JSON.parse(process.env.CE_SECRETS) as object) : {}),
        }),
        // The bench raises the credential limits for its create load.
        CE_RATE_LIMIT_CREDENTIALS_PER_USER: process.env.CE_RATE_LIMIT_CREDENTIALS_PER_USER,
        CE_RATE_LIMIT_CREDENTIALS_PER_TENANT: process.env.CE_RATE_LIMIT_CREDENTIALS_PER_TENANT,
      },
      { logger },
    );
    const proxy = await startProxy(config, { logger });
    stops.push(() => proxy.close());

    host.serve(
      createHostApp({ proxyUrl: proxy.url, adminApiKey: config.adminApiKey, origin: host.url, webhookSecret, mailbox }).fetch,
    );
    return {
      hostUrl: host.url,
      proxyUrl: proxy.url,
      sandboxUrl: sandbox.url,
      adminApiKey: config.adminApiKey,
      tenantId: DEMO_TENANT_ID,
      mailbox,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** One readable line per log record for the demo's terminal (the proxy's own default is JSON lines). */
const terminal = {
  write(line: string) {
    const { level, msg } = JSON.parse(line) as { level: number; msg: string };
    console.log(`  ${level >= 50 ? 'error' : level >= 40 ? 'warn ' : 'info '} ${msg}`);
  },
};

async function main() {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, terminal);
  const demo = await startDemo({ ports: DEFAULT_PORTS, logger });
  const erp = SANDBOX_CREDENTIALS.erp;
  const helpdesk = SANDBOX_CREDENTIALS.helpdesk;
  console.log(`
  Acme Books demo is running.

    Open      ${demo.hostUrl}   (sign in as ${DEMO_USER.name}; ${demo.hostUrl}/integrations?theme=midnight for the second theme)
    Proxy     ${demo.proxyUrl}
    Sandbox   ${demo.sandboxUrl}
    Mailbox   ${demo.hostUrl}/mailbox   (invitation emails the local SMTP server ${demo.mailbox.url} received)

  Sandbox credentials to connect with:
    Sandbox ERP       Account ID ${erp['account.id']}, Email ${erp['user.username']}, Password ${erp['user.password']}
    Sandbox Helpdesk  Workspace ${helpdesk.subdomain}, API key ${helpdesk['api.key']}
    Sandbox CRM       Sign in with OAuth 2 in the window that opens: ${SANDBOX_CRM.email}, password ${SANDBOX_CRM.password}

  Press Ctrl-C to stop.
`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n  ${signal}: stopping the demo…`);
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(`The demo could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
