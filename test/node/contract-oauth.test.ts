import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { OAuthFlow, OAuthUrlRequest } from '../../src/contract/index.js';

const ok = (body: unknown) => z.safeParse(OAuthUrlRequest, body).success;

test('POST …/oauth/url takes the method, and optionally values, a name, the connection to reconnect and a return address', () => {
  assert.ok(ok({ authenticationType: 'oauth2' }));
  const full = {
    authenticationType: 'oauth2',
    configuration: { shop: 'acme' },
    name: '  My shop ',
    instanceId: 'i-1',
    returnUrl: 'https://app.test/x',
  };
  assert.deepEqual(z.parse(OAuthUrlRequest, full), { ...full, name: 'My shop' });
});

test('POST …/oauth/url refuses what the instance body refuses, and anything else', () => {
  assert.equal(ok({}), false, 'no method');
  assert.equal(ok({ authenticationType: 'oauth2', element: { key: 'hubspot' } }), false, 'the element is in the path');
  assert.equal(ok({ authenticationType: 'oauth2', scope: 'admin' }), false, 'an unknown key');
  assert.equal(ok({ authenticationType: 'oauth2', configuration: JSON.parse('{"__proto__": {"x": 1}}') }), false, '__proto__');
  assert.equal(ok({ authenticationType: 'oauth2', returnUrl: `https://app.test/${'x'.repeat(2000)}` }), false, 'a long returnUrl');
  assert.equal(ok({ authenticationType: 'oauth2', instanceId: '' }), false, 'an empty instanceId');
});

test('GET /oauth/flows/{id} answers a status, with the instance or the error', () => {
  assert.equal(z.parse(OAuthFlow, { status: 'pending' }).status, 'pending');
  const failed = z.parse(OAuthFlow, { status: 'failed', error: { code: 'consent_denied', message: 'Denied.' } });
  assert.equal(failed.error?.code, 'consent_denied');
  assert.equal(z.safeParse(OAuthFlow, { status: 'done' }).success, false);
});
