// A new user whose Acme Books speaks German, then Arabic, connects Sandbox ERP: the widget follows
// the page's `<html lang>` (the demo's `?lang=`), its own words come from its locale, the app's from
// its definition through the proxy, and Arabic lays out right to left. Every expected word is read
// from src/widget/locales/ and the app's definition (./words.ts), never written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright';
import { card, dialog, SANDBOX_CREDENTIALS, useStack } from './stack.js';
import { appSays, widgetSays } from './words.js';

const erp = SANDBOX_CREDENTIALS.erp;
const stack = useStack({ reset: true });
/** The catalog's filter says "Connected" too, in other words in some languages (Arabic): a card's status is not it. */
const CONNECTED_FILTER = ['catalog.connected-filter'];

/** What a control is called: its aria-label, else its text. */
const nameOf = async (l: Locator) => ((await l.getAttribute('aria-label')) ?? (await l.innerText())).replace(/\s+/g, ' ').trim();

/**
 * Words the user sees, checked one by one: each check waits a little for the words to settle, and a
 * mismatch is noted rather than thrown, so one run names every place still in English.
 */
function wordChecks() {
  const wrong: string[] = [];
  return {
    async expect(what: string, read: () => Promise<string>, wanted: string | Promise<string>) {
      let want: string;
      try {
        want = await wanted;
      } catch (e) {
        wrong.push(`${what}: ${(e as Error).message}`);
        return;
      }
      let got = '';
      for (const end = Date.now() + 3000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        got = await read().catch(() => '');
        if (got === want) return;
      }
      wrong.push(`${what}: wanted "${want}", saw "${got}"`);
    },
    done: () => assert.deepEqual(wrong, [], 'words not in the page language'),
  };
}

/** The Integrations page in `lang`, the Sandbox ERP card once the catalog is there. */
async function openIn(lang: string): Promise<{ page: Page; erpCard: Locator }> {
  const { page, problems } = await stack().signedIn({ path: `/integrations?lang=${lang}` });
  assert.equal(await page.locator('html').getAttribute('lang'), lang);
  const erpCard = card(page, 'sandbox-erp');
  await erpCard.waitFor();
  assert.deepEqual(problems, []);
  return { page, erpCard };
}

/** The dialog's close button and title, by their boxes: which side the close button sits on. */
async function closeSide(d: Locator): Promise<'left' | 'right'> {
  const close = await d.locator('[part~="close-button"]').boundingBox();
  const title = await d.locator('[part~="title"]').boundingBox();
  assert.ok(close && title, 'the dialog shows its title and close button');
  return close.x + close.width / 2 < title.x + title.width / 2 ? 'left' : 'right';
}

/** Fills the form with the sandbox's account and email and `password`, labels as the app's definition words them in `lang`. */
async function fillErp(d: Locator, lang: string, password: string): Promise<Locator> {
  const app = await appSays('sandbox-erp', lang);
  await d.getByRole('textbox', { name: app.field('account.id'), exact: true }).fill(erp['account.id']);
  await d.getByRole('textbox', { name: app.field('user.username'), exact: true }).fill(erp['user.username']);
  const field = d.getByRole('textbox', { name: app.field('user.password'), exact: true });
  await field.fill(password);
  return field;
}

test('?lang=de: the catalog, the dialog, a wrong password and the connection all in German', async () => {
  const { page, erpCard } = await openIn('de');
  const app = await appSays('sandbox-erp', 'de');
  const words = wordChecks();
  const de = (english: string, values?: string[], unlike?: string[]) => widgetSays('de', english, values, unlike);
  const connectButton = erpCard.locator('[part~="connect-button"]');
  const status = erpCard.locator('[part~="card-status"]');

  await words.expect(
    'card description (the proxy, from the definition)',
    () => erpCard.locator('[part~="card-description"]').innerText(),
    app.description,
  );
  await words.expect('card status', () => status.innerText(), de('Not connected'));
  await words.expect('card connect button', () => nameOf(connectButton), de('Connect {}', [app.name]));

  await connectButton.click();
  const d = dialog(page);
  const password = await fillErp(d, 'de', 'not-the-password');
  await words.expect('dialog title', () => d.locator('[part~="title"]').innerText(), de('Connect {}', [app.name]));
  await words.expect('close button', () => nameOf(d.locator('[part~="close-button"]')), de('Close'));
  await words.expect('cancel button', () => nameOf(d.locator('[part~="cancel-button"]')), de('Cancel'));
  await words.expect('submit button', () => nameOf(d.locator('[part~="submit-button"]')), de('Connect'));
  assert.equal(await closeSide(d), 'right', 'left to right, the close button ends the header');

  // The vendor's refusal, in the definition's German, beside the password.
  await d.locator('[part~="submit-button"]').click();
  // `has` is relative to the field, so the inner locator starts from the page, not the dialog.
  const label = (await appSays('sandbox-erp', 'de')).field('user.password');
  const field = d.locator('[part~="field"]').filter({ has: page.getByRole('textbox', { name: label, exact: true }) });
  await field.locator('[part~="error"]').waitFor();
  assert.equal((await field.locator('[part~="error"]').innerText()).trim(), app.rejected);
  assert.equal(await password.getAttribute('aria-invalid'), 'true');

  await password.fill(erp['user.password']);
  await d.locator('[part~="submit-button"]').click();
  await d.locator('[part~="done-button"]').waitFor();
  await words.expect('connected title', () => d.locator('[part~="title"]').innerText(), de('{} is connected', [app.name]));
  await words.expect('done button', () => nameOf(d.locator('[part~="done-button"]')), de('Done'));
  await d.locator('[part~="done-button"]').click();
  await d.waitFor({ state: 'hidden' });
  await words.expect('card status once connected', () => status.innerText(), de('Connected', [], CONNECTED_FILTER));
  words.done();
  await page.context().close();
});

test('?lang=ar: the widget is right to left, the close button on the left, the words Arabic, and connecting works', async () => {
  const { page, erpCard } = await openIn('ar');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  const app = await appSays('sandbox-erp', 'ar');
  const words = wordChecks();
  const ar = (english: string, values?: string[], unlike?: string[]) => widgetSays('ar', english, values, unlike);
  // The page set dir="rtl" on <html>: the widget keeps the page's direction (it sets its own only where none is set).
  await page.waitForFunction(() => getComputedStyle(document.querySelector('ce-marketplace')!).direction === 'rtl');
  await words.expect('card status', () => erpCard.locator('[part~="card-status"]').innerText(), ar('Not connected'));

  await erpCard.locator('[part~="connect-button"]').click();
  const d = dialog(page);
  await fillErp(d, 'ar', erp['user.password']);
  assert.equal(await d.evaluate((el) => getComputedStyle(el).direction), 'rtl');
  assert.equal(await closeSide(d), 'left', 'right to left, the close button ends the header on the left');
  await words.expect('dialog title', () => d.locator('[part~="title"]').innerText(), ar('Connect {}', [app.name]));
  await words.expect('close button', () => nameOf(d.locator('[part~="close-button"]')), ar('Close'));
  await words.expect('cancel button', () => nameOf(d.locator('[part~="cancel-button"]')), ar('Cancel'));
  await words.expect('submit button', () => nameOf(d.locator('[part~="submit-button"]')), ar('Connect'));

  await d.locator('[part~="submit-button"]').click();
  await d.locator('[part~="done-button"]').waitFor();
  await words.expect('connected title', () => d.locator('[part~="title"]').innerText(), ar('{} is connected', [app.name]));
  await words.expect('done button', () => nameOf(d.locator('[part~="done-button"]')), ar('Done'));
  await d.locator('[part~="done-button"]').click();
  await d.waitFor({ state: 'hidden' });
  await words.expect(
    'card status once connected',
    () => erpCard.locator('[part~="card-status"]').innerText(),
    ar('Connected', [], CONNECTED_FILTER),
  );
  words.done();
  await page.context().close();
});
