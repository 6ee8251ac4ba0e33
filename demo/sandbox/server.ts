import { Hono, type Context } from 'hono';
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { erpObjects, helpdeskObjects } from './data.js';
import { intParam, objectRoutes, pause } from './http.js';
import { createCrmApp, SANDBOX_CRM, type CrmOptions } from './crm.js';

/**
 * Local stand-ins for two vendor APIs, so the demo and the tests run offline:
 * - Sandbox ERP (like NetSuite's basic flow): `/erp/{accountId}/…`, HTTP basic auth.
 * - Sandbox Helpdesk (like Zendesk): `/helpdesk/{subdomain}/api/v2/…`, API key in `X-Api-Key`.
 * - Sandbox CRM (like HubSpot or Salesforce): `/crm/…`, OAuth 2 (see crm.ts).
 * Everything is deterministic: the same accounts, keys and records on every start.
 */
export const SANDBOX_CREDENTIALS = {
  erp: { 'account.id': 'ACME-001', 'user.username': 'demo@acme.test', 'user.password': 'sandbox-erp-password' },
  helpdesk: { subdomain: 'acme', 'api.key': 'hd_demo_key' },
  crm: SANDBOX_CRM,
} as const;

/**
 * Test hooks reachable through the real sandbox elements (their verify request cannot add a query):
 * ERP account / helpdesk workspace `broken` answers 500, `slow` answers after SLOW_MS.
 * Direct hooks: `?delay=ms` and `?status=code` on both `/me` routes, `/__slow?ms=` and `/__status/{code}`.
 * Under the ERP's base too (for the passthrough): `__big?mb=n[&chunked=1]` answers n MB (with or without a
 * Content-Length), `__echo` (any method) describes the request it got.
 * `POST /__erp-password {"password"}` changes the ERP account's password (no body: back to the demo's), so a
 * stored connection's credentials stop working, as when a user changes them at the vendor.
 */
export const SANDBOX_HOOKS = { broken: 'broken', slow: 'slow' } as const;
const SLOW_MS = 60_000;
const MAX_DELAY_MS = 120_000;

export interface SandboxServer {
  /** e.g. http://127.0.0.1:4010 — pass it to the platform as the SANDBOX_URL variable. */
  url: string;
  close(): Promise<void>;
}

/** Answers `status` as asked; 204, 205 and 304 may carry no body. */
function statusAnswer(c: Context, status: number): Response {
  if (status < 200) return c.json({ error: 'status must be 200–599' }, 400);
  if ([204, 205, 304].includes(status)) return c.body(null, status as 204);
  return c.json({ status }, status as 200);
}

const MAX_BIG_MB = 100;
const BIG_CHUNK = new Uint8Array(64 * 1024).fill(0x78);

/** `?mb=n` megabytes of "x", streamed; `&chunked=1` leaves the length out, as a vendor streaming an export would. */
function bigAnswer(c: Context): Response {
  const mb = intParam(c, 'mb', MAX_BIG_MB);
  if (mb instanceof Response) return mb;
  const total = (mb ?? 1) * 1024 * 1024;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const chunk = BIG_CHUNK.subarray(0, Math.min(BIG_CHUNK.length, total - sent));
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const headers: Record<string, string> = { 'content-type': 'text/plain' };
  if (c.req.query('chunked') === undefined) headers['content-length'] = String(total);
  return new Response(body, { headers });
}

/** Describes the request it got: method, query, content type and body (as text). */
async function echoAnswer(c: Context): Promise<Response> {
  const body = await c.req.text();
  // A cookie must not pass the passthrough; the trace header must.
  c.header('set-cookie', 'sandbox_session=echo; HttpOnly');
  c.header('x-sandbox-trace', 'echo');
  return c.json({
    method: c.req.method,
    query: c.req.queries(),
    contentType: c.req.header('content-type') ?? null,
    body,
    headers: c.req.header(),
  });
}

/** Hooks shared by both `/me` routes: `?delay=ms` waits first, `?status=code` answers that status. */
async function meHooks(c: Context, timers: Set<() => void>): Promise<Response | undefined> {
  const delay = intParam(c, 'delay', MAX_DELAY_MS);
  if (delay instanceof Response) return delay;
  if (delay) await pause(delay, c.req.raw.signal, timers);
  const status = intParam(c, 'status', 599);
  if (status instanceof Response) return status;
  return status === undefined ? undefined : statusAnswer(c, status);
}

export function createSandboxApp(timers: Set<() => void> = new Set(), crm: CrmOptions = {}): Hono {
  const app = new Hono();
  const erp = SANDBOX_CREDENTIALS.erp;
  const hd = SANDBOX_CREDENTIALS.helpdesk;
  let erpPassword: string = erp['user.password'];

  app.get('/', (c) =>
    c.json({
      erp: {
        baseUrl: `/erp/${erp['account.id']}`,
        auth: 'basic',
        routes: ['/me', '/objects', '/objects/{name}/metadata', '/{name}?pageSize&cursor'],
      },
      helpdesk: {
        baseUrl: `/helpdesk/${hd.subdomain}/api/v2`,
        auth: 'X-Api-Key',
        routes: ['/users/me', '/objects', '/objects/{name}/metadata', '/{name}?pageSize&cursor'],
      },
      crm: {
        baseUrl: '/crm/api/v1',
        auth: 'oauth2',
        authorize: '/crm/oauth/authorize',
        token: '/crm/oauth/token',
        routes: ['/me', '/objects', '/objects/{name}/metadata', '/{name}?pageSize&cursor'],
      },
    }),
  );
  app.get('/__slow', async (c) => {
    const ms = intParam(c, 'ms', MAX_DELAY_MS);
    if (ms instanceof Response) return ms;
    await pause(ms ?? SLOW_MS, c.req.raw.signal, timers);
    return c.json({ ok: true });
  });
  app.get('/__status/:code{[0-9]{3}}', (c) => statusAnswer(c, Number(c.req.param('code'))));
  app.post('/__erp-password', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { password?: unknown };
    if (body.password !== undefined && (typeof body.password !== 'string' || !body.password)) {
      return c.json({ error: 'password must be a non-empty string' }, 400);
    }
    erpPassword = body.password ?? erp['user.password'];
    return c.body(null, 204);
  });

  // Sandbox ERP: the account comes first (unknown → 404), then basic auth (wrong → 401).
  app.use('/erp/:account/*', async (c, next) => {
    const account = c.req.param('account');
    if (account === SANDBOX_HOOKS.broken) return c.json({ error: 'Unexpected error' }, 500);
    if (account === SANDBOX_HOOKS.slow) {
      await pause(SLOW_MS, c.req.raw.signal, timers);
      return c.json({ error: 'Too slow' }, 503);
    }
    if (account !== erp['account.id']) {
      return c.json({ error: { code: 'INVALID_ACCOUNT', message: `No account with ID ${account}` } }, 404);
    }
    const m = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(c.req.header('authorization') ?? '');
    const [user, ...rest] = m ? Buffer.from(m[1]!, 'base64').toString().split(':') : [];
    if (user !== erp['user.username'] || rest.join(':') !== erpPassword) {
      c.header('WWW-Authenticate', 'Basic realm="Sandbox ERP"');
      return c.json({ error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' } }, 401);
    }
    await next();
  });
  app.get('/erp/:account/me', async (c) => {
    const hooked = await meHooks(c, timers);
    if (hooked) return hooked;
    return c.json({
      account: { id: erp['account.id'], name: 'Acme Corporation (sandbox)' },
      user: { email: erp['user.username'], name: 'Demo Accountant', role: 'Accountant' },
    });
  });
  app.get('/erp/:account/__big', bigAnswer);
  app.all('/erp/:account/__echo', echoAnswer);
  objectRoutes(app, '/erp/:account', erpObjects());

  // Sandbox Helpdesk: the workspace first (unknown → 404), then the API key (wrong → 401).
  app.use('/helpdesk/:subdomain/api/v2/*', async (c, next) => {
    const subdomain = c.req.param('subdomain');
    if (subdomain === SANDBOX_HOOKS.broken) return c.json({ error: 'InternalError' }, 500);
    if (subdomain === SANDBOX_HOOKS.slow) {
      await pause(SLOW_MS, c.req.raw.signal, timers);
      return c.json({ error: 'Timeout' }, 503);
    }
    if (subdomain !== hd.subdomain) return c.json({ error: 'RecordNotFound', description: `No workspace named ${subdomain}` }, 404);
    if (c.req.header('x-api-key') !== hd['api.key']) {
      return c.json({ error: "Couldn't authenticate you" }, 401);
    }
    await next();
  });
  app.get('/helpdesk/:subdomain/api/v2/users/me', async (c) => {
    const hooked = await meHooks(c, timers);
    if (hooked) return hooked;
    return c.json({ user: { id: 360_000, name: 'Demo Agent', email: 'agent@acme.test', role: 'admin' } });
  });
  objectRoutes(app, '/helpdesk/:subdomain/api/v2', helpdeskObjects());

  app.route('/crm', createCrmApp(crm, timers));

  app.notFound((c) => c.json({ error: `No sandbox route for ${c.req.method} ${c.req.path}` }, 404));
  return app;
}

/** Starts the sandbox on `host:port` (default 127.0.0.1 and an ephemeral port). */
export async function startSandbox(opts: { port?: number; host?: string; crm?: CrmOptions } = {}): Promise<SandboxServer> {
  const host = opts.host ?? '127.0.0.1';
  const timers = new Set<() => void>();
  const server = createAdaptorServer({ fetch: createSandboxApp(timers, opts.crm).fetch });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const wake of [...timers]) wake();
        server.close((e) => (e ? reject(e) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

// `tsx demo/sandbox/server.ts` runs it alone (PORT, HOST from the environment).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const s = await startSandbox({ port: Number(process.env.PORT ?? 4010), host: process.env.HOST });
  console.log(`Sandbox providers on ${s.url}`);
  console.log(
    `  ERP:      account ${SANDBOX_CREDENTIALS.erp['account.id']}, ${SANDBOX_CREDENTIALS.erp['user.username']} / ${SANDBOX_CREDENTIALS.erp['user.password']}`,
  );
  console.log(`  Helpdesk: workspace ${SANDBOX_CREDENTIALS.helpdesk.subdomain}, API key ${SANDBOX_CREDENTIALS.helpdesk['api.key']}`);
  console.log(
    `  CRM:      client ${SANDBOX_CRM.clientId} / ${SANDBOX_CRM.clientSecret}, sign in as ${SANDBOX_CRM.email} / ${SANDBOX_CRM.password}`,
  );
}
