import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseDefinition, type AuthenticationDefinition, type ElementDefinition } from '../../src/server/platform/definitions.js';
import type { Logger } from '../../src/server/log.js';
import { ProblemError } from '../../src/server/problem.js';
import assert from 'node:assert/strict';

/** Awaits a rejection and answers the problem, failing the test when it is anything else. */
export async function problemOf(p: Promise<unknown>): Promise<ProblemError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  assert.fail('expected a problem, got an answer');
}

/** problemOf for code that throws synchronously. */
export function problemOfCall(f: () => unknown): ProblemError {
  try {
    f();
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  assert.fail('expected a problem, got an answer');
}

/**
 * A local vendor API on 127.0.0.1:0. Handlers see every request; `calls` counts them by path, and
 * `connections` counts every connection, even one that never makes a request (a TLS hello).
 */
export async function startVendor(handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>) {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    calls.push(url.pathname);
    Promise.resolve(handler(req, res, url)).catch((e: unknown) => {
      res.writeHead(500).end(e instanceof Error ? e.message : String(e));
    });
  });
  let connections = 0;
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    get connections() {
      return connections;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const ERP = { account: 'ACME01', user: 'ada', password: 's3cret-Pa55', partnerKey: 'pk-host-secret-123' };

/**
 * The vendor behind `test-erp`: basic auth plus the host's partner key header. Account ids pick
 * misbehaviour: FAIL5 answers 503, SLOW never answers in time, WAIT answers after a moment.
 */
export function erpHandler(req: IncomingMessage, res: ServerResponse, url: URL): void | Promise<void> {
  const m = /^\/erp\/([^/]+)\/verify$/.exec(url.pathname);
  if (!m) return void res.writeHead(404).end();
  const account = decodeURIComponent(m[1]!);
  if (account === 'FAIL5') return void res.writeHead(503).end('down');
  if (account === 'SLOW') return; // never answers: the platform's timeout must fire
  if (req.headers['x-partner-key'] !== ERP.partnerKey) return void res.writeHead(500).end('no partner key');
  const [user, pass] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
    .toString()
    .split(':');
  const ok = user === ERP.user && pass === ERP.password;
  const answer = () => res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok }));
  if (account === 'WAIT') return new Promise((r) => setTimeout(() => r(void answer()), 150));
  answer();
}

/** Element definitions for tests, validated like the shipped ones. */
export function testDefinitions(): ElementDefinition[] {
  return [
    {
      key: 'test-erp',
      name: 'Test ERP',
      description: 'Basic auth against a local server',
      categories: ['erp'],
      logo: 'test-erp.svg',
      sandbox: true,
      hosts: ['127.0.0.1'],
      authenticationTypes: [
        {
          type: 'basic',
          name: 'Username and password',
          default: true,
          baseUrl: '{$SANDBOX_URL}/erp/{account.id}',
          configuration: [
            { key: 'user.password', name: 'Password', type: 'PASSWORD', required: true, displayOrder: 3 },
            { key: 'user.username', name: 'Username', type: 'TEXTFIELD_64', required: true, displayOrder: 2 },
            {
              key: 'account.id',
              name: 'Account ID',
              type: 'TEXTFIELD_32',
              required: true,
              displayOrder: 1,
              pattern: '[A-Za-z0-9]+',
              example: 'ACME01',
            },
            {
              key: 'region',
              name: 'Region',
              type: 'COMBO',
              required: false,
              displayOrder: 4,
              options: [{ value: 'eu' }, { value: 'us' }],
            },
            { key: 'sync.days', name: 'Days to sync', type: 'NUMBER', required: false, displayOrder: 5 },
            { key: 'partner.key', name: 'Partner key', type: 'PASSWORD', required: true, companyConfig: true },
            { key: 'api.version', name: 'API version', type: 'TEXTFIELD_32', internal: true, defaultValue: 'v2' },
          ],
          credentials: {
            basic: { username: '{user.username}', password: '{user.password}' },
            headers: { 'x-partner-key': '{partner.key}' },
          },
          verify: { path: '/verify', rejectedMessage: 'Test ERP did not accept this username and password.' },
        },
        {
          type: 'oauth2',
          name: 'OAuth 2',
          baseUrl: '{$SANDBOX_URL}/erp',
          configuration: [
            { key: 'oauth.api.key', name: 'Client ID', type: 'TEXTFIELD_128', required: true, companyConfig: true },
            { key: 'oauth.api.secret', name: 'Client secret', type: 'PASSWORD', required: true, companyConfig: true },
          ],
          oauth2: { authorizationUrl: '{$SANDBOX_URL}/authorize', tokenUrl: '{$SANDBOX_URL}/token' },
        },
      ],
    },
    {
      key: 'test-desk',
      name: 'Test Desk',
      description: 'Subdomain in the host name, like Zendesk',
      categories: ['helpdesk'],
      hosts: ['*.zendesk.com'],
      authenticationTypes: [
        {
          type: 'apiKey',
          name: 'API token',
          baseUrl: 'https://{subdomain}.zendesk.com/api/v2',
          configuration: [
            { key: 'subdomain', name: 'Subdomain', type: 'TEXTFIELD_64', required: true, prefix: 'https://', suffix: '.zendesk.com' },
            { key: 'api.key', name: 'API token', type: 'PASSWORD', required: true },
          ],
          credentials: { bearer: '{api.key}' },
          verify: { path: '/users/me' },
        },
      ],
    },
    {
      key: 'test-partner',
      name: 'Test Partner',
      description: 'Needs a host secret nobody configured',
      categories: [],
      hosts: ['api.partner.example'],
      authenticationTypes: [
        {
          type: 'custom',
          name: 'Partner token',
          baseUrl: 'https://api.partner.example',
          configuration: [
            { key: 'partner.secret', name: 'Partner secret', type: 'PASSWORD', required: true, companyConfig: true },
            { key: 'user.token', name: 'Token', type: 'PASSWORD', required: true },
          ],
        },
      ],
    },
    {
      key: 'test-oauth',
      name: 'Test OAuth',
      description: 'OAuth 2 only',
      categories: [],
      hosts: ['api.oauth.example'],
      authenticationTypes: [
        {
          type: 'oauth2',
          name: 'OAuth 2',
          baseUrl: 'https://api.oauth.example',
          configuration: [
            { key: 'oauth.api.key', name: 'Client ID', type: 'TEXTFIELD_128', required: true, companyConfig: true },
            { key: 'oauth.api.secret', name: 'Client secret', type: 'PASSWORD', required: true, companyConfig: true },
          ],
          oauth2: { authorizationUrl: 'https://oauth.example/authorize', tokenUrl: 'https://oauth.example/token' },
        },
      ],
    },
  ].map((d) => parseDefinition(d, `test:${d.key}`));
}

export const testSecrets = { 'test-erp': { 'partner.key': ERP.partnerKey } };

/** A logger that keeps its lines, so tests can read what was said (and that no secret was). */
export function memoryLogger(): Logger & { lines: { level: string; obj: unknown; msg?: string }[] } {
  const lines: { level: string; obj: unknown; msg?: string }[] = [];
  const at = (level: string) => (obj: object | string, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), isLevelEnabled: () => true };
}

/** An element's authentication type by name, as written in its definition (the platform's own lookup is catalog.auth). */
export function findAuth(def: ElementDefinition, type: string): AuthenticationDefinition | undefined {
  return def.authenticationTypes.find((a) => a.type === type);
}
