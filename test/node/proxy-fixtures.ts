import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Config } from '../../src/server/config.js';
import { createLogger, type Logger } from '../../src/server/log.js';
import { PROBLEM_CODES, problemType, type ProblemCode } from '../../src/contract/index.js';
import { PROBLEM_STATUS } from '../../src/server/problem.js';

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
export function captureLogs(): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const text = () => chunks.join('');
  return {
    logger,
    text,
    lines: () => text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** Asserts an RFC 9457 answer with its documented code (or, for older tests, only a status) and returns its body. */
export async function assertProblem(res: Response, expected: ProblemCode | number, detail?: RegExp) {
  const status = typeof expected === 'number' ? expected : PROBLEM_STATUS[expected].status;
  assert.equal(res.status, status);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  const body = (await res.json()) as { type: string; code: ProblemCode; title: string; status: number; detail?: string; errors?: { field: string; message: string }[] };
  assert.equal(body.status, status);
  if (typeof expected === 'string') assert.equal(body.code, expected);
  assert.ok(PROBLEM_CODES.includes(body.code), `a problem carries a documented code (got ${body.code})`);
  assert.equal(body.type, problemType(body.code), 'the type is derived from the code');
  assert.equal(body.title, PROBLEM_STATUS[body.code].title);
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
