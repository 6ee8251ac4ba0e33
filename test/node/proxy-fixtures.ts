import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { Hono } from 'hono';
import type { LevelWithSilent } from 'pino';
import type { Config } from '../../src/server/config.js';
import { createLogger, type Logger } from '../../src/server/log.js';
import { problemType, type ProblemCode } from '../../src/contract/index.js';
import { PROBLEM_STATUS } from '../../src/server/problem.js';
import type { ProxyEnv } from '../../src/server/proxy/http.js';
import { notFoundProblem, problemHandler } from '../../src/server/proxy/middleware/problems.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const SESSION_SECRET = new TextEncoder().encode('test-session-secret-0123456789abcdef');
export const HOST_SECRET = 'host-shared-secret-0123456789abcdef';
export const ALLOWED_ORIGIN = 'https://app.example.com';

/** A complete Config for tests; the platform part only matters where a real platform is made. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    publicUrl: 'http://127.0.0.1:0',
    development: true,
    adminApiKey: ADMIN_KEY,
    allowedOrigins: [ALLOWED_ORIGIN],
    sessionSecret: SESSION_SECRET,
    hostJwt: { secret: HOST_SECRET },
    bodyLimitBytes: 64 * 1024,
    hostName: 'Acme Test',
    connectPage: { theme: {} },
    platform: { secrets: {}, dataDir: '.data-test-unused', development: true, vars: {} },
    ...overrides,
  };
}

/** What a host's backend does to sign a user in: POST /admin/sessions with the admin key; the session token. */
export async function mintSession(
  proxyUrl: string,
  adminKey: string,
  claims: { tenantId: string; userId: string; elements?: string[]; ttlSeconds?: number },
): Promise<string> {
  const res = await fetch(`${proxyUrl}/admin/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(claims),
  });
  if (!res.ok) throw new Error(`POST /admin/sessions answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** A pino logger writing into memory, so a test can read every line the proxy logged. */
export function captureLogs(level: LevelWithSilent = 'debug'): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
} {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level, destination });
  const text = () => chunks.join('');
  return {
    logger,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** A bare Hono app that answers errors as the proxy does, to test one middleware at a time. */
export function bareApp(logger: Logger = captureLogs().logger): Hono<ProxyEnv> {
  const app = new Hono<ProxyEnv>();
  app.notFound(notFoundProblem);
  app.onError(problemHandler(logger));
  return app;
}

/** Asserts an RFC 9457 answer carrying `code` (status, title and type as the table and the contract derive them); returns its body. */
export async function assertProblem(res: Response, code: ProblemCode, detail?: RegExp) {
  const { status, title } = PROBLEM_STATUS[code];
  assert.equal(res.status, status);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  const body = (await res.json()) as {
    type: string;
    code: ProblemCode;
    title: string;
    status: number;
    detail?: string;
    errors?: { field: string; message: string }[];
  };
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  assert.equal(body.type, problemType(code), 'the type is derived from the code');
  assert.equal(body.title, title);
  if (detail) assert.match(body.detail ?? '', detail);
  return body;
}

/** Serves a fetch handler on an ephemeral port of 127.0.0.1 (real HTTP, for body streaming tests). */
export async function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const { serve } = await import('@hono/node-server');
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
  });
}
