import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { decodeJwt } from 'jose';
import { startMailbox, type Mailbox, type ReceivedMail } from '../../demo/mailbox.js';
import { createSmtpMailer } from '../../src/server/mail/mailer.js';
import { createPlatform, type EmbeddedPlatform } from '../../src/server/platform/platform.js';
import { createApp } from '../../src/server/proxy/app.js';
import type { Config } from '../../src/server/config.js';
import { ADMIN_KEY, assertProblem, captureLogs, listen, testConfig } from './proxy-fixtures.js';
import { describeStores, type StoreFixture } from './stores.js';
import { ERP, erpHandler, startVendor, testDefinitions, testSecrets } from './test-elements.js';

/** Invitations over the real platform and proxy, a real SQLite file or PostgreSQL, and a real local SMTP server. */
let vendor: Awaited<ReturnType<typeof startVendor>>;
let mailbox: Mailbox;
before(async () => {
  vendor = await startVendor(erpHandler);
  mailbox = await startMailbox();
});
after(async () => {
  await vendor.close();
  await mailbox.close();
});

/** A port nothing listens on: an SMTP server that is down. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', () => ok()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

interface Stack {
  url: string;
  platform: EmbeddedPlatform;
  logs: ReturnType<typeof captureLogs>;
  clock: { now: number };
  close(): Promise<void>;
}

async function startStack(store: StoreFixture, smtpUrl: string | undefined, extra: Partial<Config> = {}): Promise<Stack> {
  const erp = testDefinitions().find((d) => d.key === 'test-erp')!;
  const definitions = [erp, { ...erp, key: 'test-books', name: 'Test Books' }, { ...erp, key: 'test-crm', name: 'Test CRM' }];
  const secrets = { ...testSecrets, 'test-books': testSecrets['test-erp'], 'test-crm': testSecrets['test-erp'] };
  const clock = { now: Date.now() };
  const logs = captureLogs();
  const config = testConfig({
    hostName: 'Acme <Books>',
    connectPage: { theme: { '--ce-color-primary': '#7c3aed' }, css: 'ce-marketplace::part(card) { border-width: 3px; }' },
    ...extra,
    platform: {
      ...store.options(),
      definitions,
      secrets,
      development: true,
      vars: { SANDBOX_URL: vendor.url },
      rateLimits: { credentialsPerUser: 100, credentialsPerTenant: 100, failedAuthPerAddress: 5, windowSeconds: 60 },
    },
  });
  const served = { url: '' };
  const mailer = smtpUrl
    ? createSmtpMailer({ url: smtpUrl, from: 'Acme Books <invite@acme.test>', timeoutMs: 3000 }, logs.logger)
    : undefined;
  const platform = await createPlatform({
    ...config.platform,
    ...(mailer ? { mailer } : {}),
    invitations: { hostName: config.hostName, pageUrl: () => `${served.url}/connect` },
    now: () => clock.now,
    logger: logs.logger,
  });
  const s = await listen(createApp({ platform, config, logger: logs.logger }).fetch);
  served.url = s.url;
  return {
    url: s.url,
    platform,
    logs,
    clock,
    async close() {
      await s.close();
      await platform.close();
    },
  };
}

const admin = (url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${ADMIN_KEY}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const linkOf = (mail: ReceivedMail) =>
  /https?:\/\/\S+\/connect\?invitation=[\w-]+/.exec(mail.text)?.[0] ?? assert.fail('no link in the email');
const tokenOf = (link: string) => new URL(link).searchParams.get('invitation')!;
const mailTo = (email: string) => mailbox.waitFor((m) => m.to.includes(email));

describeStores('invitations', (store) => {
  let s: Stack;
  before(async () => {
    s = await startStack(store, mailbox.url);
  });
  after(() => s.close());

  const invite = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await admin(s.url, 'POST', '/admin/invitations', body, headers);
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as { id: string; status: string; elements: { key: string; status: string }[]; connected: number };
  };
  const exchange = (token: string) => fetch(`${s.url}/invitations/${token}/session`, { method: 'POST' });

  test('the customer gets an email with both parts, the apps, the link and its expiry; the answer and the store hold no token', async () => {
    const email = `${randomUUID()}@customer.test`;
    const inv = await invite({ tenantId: 't-mail', email, name: 'Ada', elements: ['test-erp', 'test-books'], expiresInHours: 48 });
    assert.equal(inv.status, 'sent');
    assert.deepEqual(
      inv.elements.map((e) => [e.key, e.status]),
      [
        ['test-erp', 'pending'],
        ['test-books', 'pending'],
      ],
    );
    const mail = await mailTo(email);
    assert.match(mail.subject, /Acme <Books> invites you/);
    assert.match(mail.text, /Hello Ada,/);
    assert.match(mail.text, /Test ERP/);
    assert.match(mail.text, /Test Books/);
    assert.match(mail.text, /This link works until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const link = linkOf(mail);
    assert.ok(mail.html.includes(`href="${link}"`), 'the HTML part links to the same page');
    assert.ok(mail.html.includes('Acme &#60;Books&#62;'), "the host's name is escaped in the HTML part");
    const token = tokenOf(link);
    assert.equal(token.length, 43, '32 random bytes, base64url');
    assert.ok(!JSON.stringify(inv).includes(token));
    const rows = await s.platform.invitations.list({ tenantId: 't-mail' });
    assert.ok(!JSON.stringify(rows).includes(token));
  });

  test('a message carrying markup is escaped in the HTML email and on the page, and kept as written in the text part', async () => {
    const email = `${randomUUID()}@customer.test`;
    const message = 'Hi! <script>alert(1)</script> & <b>thanks</b>\nSecond line';
    await invite({ tenantId: 't-markup', email, elements: ['test-erp'], message });
    const mail = await mailTo(email);
    assert.ok(mail.text.includes(message));
    assert.ok(!mail.html.includes('<script>') && !mail.html.includes('<b>thanks'));
    assert.ok(mail.html.includes('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#60;b&#62;thanks'));
    const page = await fetch(linkOf(mail));
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(!html.includes('<script>alert') && html.includes('&#60;script&#62;alert(1)'));
  });

  test('unknown element and invalid email are refused, naming the field, and nothing is sent', async () => {
    const before = mailbox.messages().length;
    let res = await admin(s.url, 'POST', '/admin/invitations', { tenantId: 't', email: 'a@b.test', elements: ['test-erp', 'nope'] });
    let body = await assertProblem(res, 'validation_failed');
    assert.deepEqual(
      body.errors?.map((e) => e.field),
      ['elements.1'],
    );
    res = await admin(s.url, 'POST', '/admin/invitations', { tenantId: 't', email: 'not-an-email', elements: ['test-erp'] });
    body = await assertProblem(res, 'validation_failed');
    assert.deepEqual(
      body.errors?.map((e) => e.field),
      ['email'],
    );
    assert.equal(mailbox.messages().length, before);
  });

  test('the same request retried with an Idempotency-Key answers the first invitation and sends one email', async () => {
    const email = `${randomUUID()}@customer.test`;
    const body = { tenantId: 't-idem', email, elements: ['test-erp'] };
    const key = randomUUID();
    const [a, b] = await Promise.all([invite(body, { 'Idempotency-Key': key }), invite(body, { 'Idempotency-Key': key })]);
    const c = await invite(body, { 'Idempotency-Key': key });
    assert.equal(a.id, b.id);
    assert.equal(a.id, c.id);
    await mailTo(email);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(mailbox.messages().filter((m) => m.to.includes(email)).length, 1);
    const other = await admin(s.url, 'POST', '/admin/invitations', { ...body, elements: ['test-books'] }, { 'Idempotency-Key': key });
    await assertProblem(other, 'idempotency_key_reused');
  });

  test("the link's session sees only the invited apps, from a second browser too; the proxy refuses the others", async () => {
    const tenantId = `t-${randomUUID()}`;
    const email = `${randomUUID()}@customer.test`;
    await invite({ tenantId, email, elements: ['test-erp'] });
    const token = tokenOf(linkOf(await mailTo(email)));
    const first = await exchange(token);
    assert.equal(first.status, 201);
    const second = await exchange(token);
    assert.equal(second.status, 201, 'a second browser opens the same link');
    const session = ((await second.json()) as { token: string }).token;
    const claims = decodeJwt(session);
    assert.equal(claims.tid, tenantId);
    assert.deepEqual(claims.elements, ['test-erp']);
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${s.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${session}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    const catalog = (await (await call('GET', '/elements')).json()) as { key: string }[];
    assert.deepEqual(
      catalog.map((e) => e.key),
      ['test-erp'],
    );
    const configuration = { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password };
    await assertProblem(
      await call('POST', '/instances', { element: { key: 'test-books' }, authenticationType: 'basic', configuration }),
      'not_found',
    );
    const made = await call('POST', '/instances', { element: { key: 'test-erp' }, authenticationType: 'basic', configuration });
    assert.equal(made.status, 201);
    const listed = (await (await admin(s.url, 'GET', `/admin/invitations?tenantId=${tenantId}`)).json()) as Awaited<
      ReturnType<typeof invite>
    >[];
    assert.equal(listed[0]?.connected, 1);
    assert.equal(listed[0].elements[0]?.status, 'connected');
  });

  test("the connect page answers in the reader's language: ?lang= first, else Accept-Language, with lang and dir", async () => {
    const email = `${randomUUID()}@customer.test`;
    await invite({ tenantId: 't-lang', email, elements: ['test-erp', 'test-crm'] });
    const link = linkOf(await mailTo(email));
    const open = async (url: string, acceptLanguage: string) => {
      const page = await fetch(url, { headers: { 'accept-language': acceptLanguage } });
      assert.equal(page.status, 200);
      assert.match(page.headers.get('vary') ?? '', /Accept-Language/);
      return { language: page.headers.get('content-language'), html: await page.text() };
    };
    const de = await open(link, 'de-AT, en;q=0.5');
    assert.equal(de.language, 'de');
    assert.match(de.html, /<html lang="de" dir="ltr">/);
    assert.match(de.html, /<h1>Verbinden Sie Ihre Apps mit Acme &#60;Books&#62;<\/h1>/);
    assert.match(de.html, /diese 2 Apps zu verbinden: Test ERP und Test CRM\./);
    const ja = await open(link, 'ja-JP');
    assert.match(ja.html, /<html lang="ja" dir="ltr">/);
    assert.match(ja.html, />2件中0件を接続済み</);
    const ar = await open(`${link}&lang=ar`, 'de');
    assert.equal(ar.language, 'ar');
    assert.match(ar.html, /<html lang="ar" dir="rtl">/);
    assert.match(ar.html, />تم ربط 0 من 2</);
  });

  test('a guessed or altered token opens nothing (404 page and problem), and too many of them are rate limited', async () => {
    const email = `${randomUUID()}@customer.test`;
    await invite({ tenantId: 't-guess', email, elements: ['test-erp'] });
    const token = tokenOf(linkOf(await mailTo(email)));
    const altered = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    await assertProblem(await exchange(altered), 'not_found');
    const page = await fetch(`${s.url}/connect?invitation=${altered}`);
    assert.equal(page.status, 404);
    const html = await page.text();
    assert.match(html, /This link is not valid/);
    assert.ok(!/stack|Error:/.test(html));
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await exchange(randomUUID().replace(/-/g, '') + 'abcdefghijk')).status);
    assert.ok(codes.includes(429), `rate limited after the failed-auth limit: ${codes.join(',')}`);
    assert.ok(!s.logs.text().includes(token) && !s.logs.text().includes(altered), 'no token in the logs');
  });
});

describeStores(
  'invitation links that expire, are revoked, or could not be emailed',
  (store) => {
    test('expired and revoked links show a clear 410 page; resend makes a new link, the old one stops working', async () => {
      const s = await startStack(store, mailbox.url);
      try {
        const email = `${randomUUID()}@customer.test`;
        const res = await admin(s.url, 'POST', '/admin/invitations', {
          tenantId: 't-exp',
          email,
          elements: ['test-erp'],
          expiresInHours: 1,
        });
        const inv = (await res.json()) as { id: string };
        const first = tokenOf(linkOf(await mailTo(email)));
        s.clock.now += 2 * 3_600_000;
        let page = await fetch(`${s.url}/connect?invitation=${first}`);
        assert.equal(page.status, 410);
        assert.match(await page.text(), /This invitation has expired/);
        await assertProblem(await fetch(`${s.url}/invitations/${first}/session`, { method: 'POST' }), 'not_found', /expired/);
        const listed = (await (await admin(s.url, 'GET', '/admin/invitations?tenantId=t-exp&status=expired')).json()) as {
          id: string;
        }[];
        assert.deepEqual(
          listed.map((i) => i.id),
          [inv.id],
        );

        const resent = await admin(s.url, 'POST', `/admin/invitations/${inv.id}/resend`);
        assert.equal(((await resent.json()) as { status: string }).status, 'sent');
        const mails = () => mailbox.messages().filter((m) => m.to.includes(email));
        await mailbox.waitFor(() => mails().length === 2);
        const second = tokenOf(linkOf(mails()[1]!));
        assert.notEqual(second, first);
        assert.equal((await fetch(`${s.url}/connect?invitation=${second}`)).status, 200);
        assert.equal((await fetch(`${s.url}/connect?invitation=${first}`)).status, 404);

        const revoked = await admin(s.url, 'DELETE', `/admin/invitations/${inv.id}`);
        assert.equal(((await revoked.json()) as { status: string }).status, 'revoked');
        page = await fetch(`${s.url}/connect?invitation=${second}`);
        assert.equal(page.status, 410);
        assert.match(await page.text(), /withdrawn/);
        await assertProblem(await fetch(`${s.url}/invitations/${second}/session`, { method: 'POST' }), 'not_found');
        await assertProblem(await admin(s.url, 'POST', `/admin/invitations/${inv.id}/resend`), 'conflict');
      } finally {
        await s.close();
      }
    });

    test('SMTP down: the invitation is kept as not_sent, and resend sends it once the server is back', async () => {
      const port = await deadPort();
      const s = await startStack(store, `smtp://127.0.0.1:${port}`);
      try {
        const email = `${randomUUID()}@customer.test`;
        const res = await admin(s.url, 'POST', '/admin/invitations', { tenantId: 't-down', email, elements: ['test-erp'] });
        assert.equal(res.status, 201);
        const inv = (await res.json()) as { id: string; status: string; sendAttempts: number };
        assert.equal(inv.status, 'not_sent');
        assert.match(s.logs.text(), /could not be sent/);
        const back = await startMailbox({ port });
        try {
          const resent = (await (await admin(s.url, 'POST', `/admin/invitations/${inv.id}/resend`)).json()) as typeof inv;
          assert.equal(resent.status, 'sent');
          assert.equal(resent.sendAttempts, 2);
          const mail = await back.waitFor((m) => m.to.includes(email));
          assert.equal((await fetch(linkOf(mail))).status, 200);
        } finally {
          await back.close();
        }
      } finally {
        await s.close();
      }
    });

    test('without SMTP configured the invitation is stored as not_sent, with a log line saying what to set', async () => {
      const s = await startStack(store, undefined);
      try {
        const res = await admin(s.url, 'POST', '/admin/invitations', {
          tenantId: 't-nosmtp',
          email: 'x@y.test',
          elements: ['test-erp'],
        });
        assert.equal(((await res.json()) as { status: string }).status, 'not_sent');
        assert.match(s.logs.text(), /SMTP_URL and MAIL_FROM/);
      } finally {
        await s.close();
      }
    });
  },
  ['SQLite'],
);

describeStores(
  'the connect page',
  (store) => {
    test('is strict-CSP HTML with the host name, the restricted widget, its own script, and the host theme as a stylesheet', async () => {
      const s = await startStack(store, mailbox.url);
      try {
        const email = `${randomUUID()}@customer.test`;
        await admin(s.url, 'POST', '/admin/invitations', {
          tenantId: 't-page',
          email,
          name: 'Ada',
          elements: ['test-erp', 'test-crm'],
        });
        const page = await fetch(linkOf(await mailTo(email)));
        assert.equal(page.status, 200);
        const csp = page.headers.get('content-security-policy') ?? '';
        assert.match(csp, /script-src 'self'/);
        assert.ok(!csp.includes('unsafe-inline'));
        const html = await page.text();
        assert.match(html, /<p class="host">Acme &#60;Books&#62;<\/p>/);
        assert.match(html, /<ce-marketplace proxy-url="http:\/\/127\.0\.0\.1:\d+" elements="test-erp test-crm" heading="">/);
        assert.match(html, /0 of 2 connected/);
        assert.ok(!/<script>|<style>|style="/.test(html), 'nothing inline');
        assert.match(html, /<script type="module" src="\/connect\/connect\.js"><\/script>/);
        const css = await (await fetch(`${s.url}/connect/theme.css`)).text();
        assert.match(css, /--ce-color-primary: #7c3aed;/);
        assert.match(css, /ce-marketplace::part\(card\) \{ border-width: 3px; \}/);
        const js = await fetch(`${s.url}/connect/connect.js`);
        assert.match(js.headers.get('content-type') ?? '', /javascript/);
        // It counts in the page's own words (its language), which the page hands it.
        assert.match(await js.text(), /getAttribute\('data-words'\)/);
        assert.match(html, /data-words="\{done\} of \{total\} connected"/);
        await assertProblem(await fetch(`${s.url}/chunks/..%2Fsecret.js`), 'not_found');
      } finally {
        await s.close();
      }
    });
  },
  ['SQLite'],
);
