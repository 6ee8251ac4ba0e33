import assert from 'node:assert/strict';
import { SANDBOX_CREDENTIALS } from '../../demo/sandbox/server.js';
import { sandboxSecrets } from '../../demo/start.js';
import { loadDefinitions, type ElementDefinition } from '../../src/server/platform/definitions.js';
import { DEFAULT_ELEMENTS_DIR } from '../../src/server/platform/platform.js';
import { ALLOWED_ORIGIN } from './proxy-fixtures.js';

const CRM = SANDBOX_CREDENTIALS.crm;

/** The shipped Sandbox CRM definition, as the demo runs it, and its host secrets. */
export async function crmElement(): Promise<{ definitions: ElementDefinition[]; secrets: Record<string, Record<string, string>> }> {
  const definitions = (await loadDefinitions(DEFAULT_ELEMENTS_DIR)).filter((d) => d.key === 'sandbox-crm');
  assert.equal(definitions.length, 1);
  return { definitions, secrets: sandboxSecrets() };
}

/** A browser's calls to the proxy: a session token and the host page's Origin. */
export function browser(proxyUrl: string, token: string, origin = ALLOWED_ORIGIN) {
  const headers = { Authorization: `Bearer ${token}`, Origin: origin };
  return {
    start: (body: Record<string, unknown> = {}, key = 'sandbox-crm', extra: Record<string, string> = {}) =>
      fetch(`${proxyUrl}/elements/${key}/oauth/url`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', ...extra },
        body: JSON.stringify({ authenticationType: 'oauth2', ...body }),
      }),
    flow: (flowId: string) => fetch(`${proxyUrl}/oauth/flows/${flowId}`, { headers }),
    instance: (id: string) => fetch(`${proxyUrl}/instances/${id}`, { headers }),
  };
}

/** Signs in at the provider's consent page with plain fetch and answers it: the redirect back to the proxy. */
export async function consent(oauthUrl: string, decision: 'approve' | 'deny' = 'approve'): Promise<URL> {
  const page = await fetch(oauthUrl, { redirect: 'manual' });
  const html = await page.text();
  assert.equal(page.status, 200, html);
  const tx = /name="transaction" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(tx, 'the consent page carries a transaction');
  const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
  const answer = await fetch(new URL('/crm/oauth/authorize', oauthUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ transaction: tx, decision, email: CRM.email, password: CRM.password }),
  });
  assert.equal(answer.status, 303);
  return new URL(answer.headers.get('location')!);
}

/** Follows the provider's redirect to the proxy at `proxyUrl` (the registered callback is on a loopback host). */
export const callback = (proxyUrl: string, back: URL, headers: Record<string, string> = {}) =>
  fetch(`${proxyUrl}${back.pathname}${back.search}`, { redirect: 'manual', headers });

/** The message the callback page posts to the opener, and where: read from its JSON data block. */
export function postedMessage(html: string): {
  origin: string | null;
  message: { type: string; flowId: string; status: string; code?: string } | null;
} {
  const json = /<script type="application\/json" id="ce-oauth">(.*?)<\/script>/s.exec(html)?.[1];
  assert.ok(json, 'the page carries its data block');
  return JSON.parse(json) as ReturnType<typeof postedMessage>;
}

export async function sandboxStats(sandboxUrl: string): Promise<Record<string, number>> {
  return ((await (await fetch(`${sandboxUrl}/crm/__stats`)).json()) as { token: Record<string, number> }).token;
}

/** Connects Sandbox CRM through the whole flow as `b`; the new instance's id. */
export async function connectCrm(proxyUrl: string, b: ReturnType<typeof browser>): Promise<string> {
  const started = (await (await b.start()).json()) as { oauthUrl: string; flowId: string };
  const page = await callback(proxyUrl, await consent(started.oauthUrl));
  assert.equal(page.status, 200, await page.text());
  const flow = (await (await b.flow(started.flowId)).json()) as { status: string; instance?: { id: string } };
  assert.equal(flow.status, 'connected', JSON.stringify(flow));
  return flow.instance!.id;
}
