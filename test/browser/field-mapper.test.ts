import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/widget/index.js';
import type { CeFieldMapper } from '../../src/widget/field-mapper/field-mapper.js';
import type { FieldMetadata, Transformation, TransformationInput } from '../../src/contract/index.js';
import { errorMessage } from './english.js';
import { localeWords } from './locale-words.js';
import { mockProxy, http, HttpResponse, problem, PROXY } from './msw.js';

const CUSTOMER = {
  name: 'customers',
  displayName: 'Customer',
  fields: [
    { path: 'firstName', type: 'string', displayName: 'First name', required: true },
    { path: 'email', type: 'string', displayName: 'Email', required: true },
    { path: 'age', type: 'number', displayName: 'Age' },
    { path: 'active', type: 'boolean', displayName: 'Active' },
    { path: 'billing.city', type: 'string', displayName: 'City' },
  ],
};
const OBJECTS = [
  { name: 'contacts', vendorName: 'contact', displayName: 'Contacts' },
  { name: 'companies', vendorName: 'company', displayName: 'Companies' },
];
const CONTACT_FIELDS: FieldMetadata[] = [
  { vendorPath: 'first_name', type: 'string', vendorDisplayName: 'First Name' },
  { vendorPath: 'lastName', type: 'string', vendorDisplayName: 'Last Name' },
  { vendorPath: 'Email', type: 'string', vendorDisplayName: 'E-mail' },
  { vendorPath: 'age', type: 'string', vendorDisplayName: 'Age (text)' },
  { vendorPath: 'createdAt', type: 'datetime', vendorDisplayName: 'Created' },
  { vendorPath: 'address.city', type: 'string', vendorDisplayName: 'City' },
  { vendorPath: 'score', type: 'integer', vendorDisplayName: 'Score' },
];

type Handler = Parameters<typeof mockProxy>[number];
interface Proxy {
  saved?: Transformation;
  fields?: FieldMetadata[];
  puts: { body: TransformationInput; ifMatch: string | null }[];
}

/** A proxy with one instance (inst-1): the host's Customer, the app's Contacts, and a mapping store that checks If-Match. */
function proxy(state: Proxy, ...extra: Handler[]) {
  const base = `${PROXY}/instances/inst-1`;
  return [
    ...extra,
    http.get(`${PROXY}/common-resources/customers`, () => HttpResponse.json(CUSTOMER)),
    http.get(`${base}/objects`, () => HttpResponse.json(OBJECTS)),
    http.get(`${base}/objects/:name/metadata`, () => HttpResponse.json({ fields: state.fields ?? CONTACT_FIELDS })),
    http.get(`${base}/transformations/customers`, () => (state.saved ? HttpResponse.json(state.saved) : problem('not_found'))),
    http.put(`${base}/transformations/customers`, async ({ request }) => {
      const body = (await request.json()) as TransformationInput;
      const ifMatch = request.headers.get('if-match');
      state.puts.push({ body, ifMatch });
      if (state.saved && ifMatch !== String(state.saved.version)) return problem('precondition_failed');
      state.saved = { ...body, version: (state.saved?.version ?? 0) + 1, updatedDate: '2026-11-30T00:00:00Z' };
      return HttpResponse.json(state.saved);
    }),
  ];
}

async function mount(state: Proxy = { puts: [] }, ...extra: Handler[]) {
  await mockProxy(...proxy(state, ...extra));
  const el = await fixture<CeFieldMapper>(
    html`<ce-field-mapper proxy-url=${PROXY} session-token="t" instance="inst-1" resource="customers"></ce-field-mapper>`,
  );
  await ready(el);
  return el;
}

/** The mapper inside a host's `<form>`, under the name `mapping`, loaded. */
async function mountInForm(state: Proxy) {
  await mockProxy(...proxy(state));
  const form = await fixture<HTMLFormElement>(
    html`<form>
      <ce-field-mapper name="mapping" proxy-url=${PROXY} session-token="t" instance="inst-1" resource="customers"></ce-field-mapper>
    </form>`,
  );
  const el = form.querySelector('ce-field-mapper')!;
  await ready(el);
  return { form, el };
}

const ready = (el: CeFieldMapper) =>
  waitUntil(() => el.shadowRoot?.querySelector('[part~="base"], [part~="load-error"]'), 'the mapper did not load', { timeout: 5000 });
const $ = (el: CeFieldMapper, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: CeFieldMapper, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const row = (el: CeFieldMapper, label: string) =>
  $$(el, '[part~="row"]').find((r) => r.querySelector('[part~="label"]')!.textContent.replace('*', '').trim() === label)!;
const input = (el: CeFieldMapper, label: string) => row(el, label).querySelector<HTMLInputElement>('[part~="input"]')!;
const check = (el: CeFieldMapper, label: string) => row(el, label).querySelector('[id^="d"]')!;
const options = (el: CeFieldMapper) => $$(el, '[part~="option"]').map((o) => o.textContent.replace(/\s+/g, ' ').trim());
const pairs = (el: CeFieldMapper) => Object.fromEntries((el.value?.fields ?? []).map((f) => [f.path, f.vendorPath]));
const button = (el: CeFieldMapper, part: string) => $(el, `[part~="${part}"]`)!;

async function type(el: CeFieldMapper, label: string, text: string) {
  const i = input(el, label);
  i.focus();
  i.value = text;
  i.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Maps a host field by typing in its picker and pressing Enter on the first match. */
async function pick(el: CeFieldMapper, label: string, text: string) {
  await type(el, label, text);
  input(el, label).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
  input(el, label).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  await el.updateComplete;
}

function saved(over: Partial<Transformation> = {}): Transformation {
  return {
    vendorName: 'contacts',
    fields: [
      { path: 'firstName', vendorPath: 'first_name', type: 'string', vendorType: 'string' },
      { path: 'email', vendorPath: 'Email', type: 'string', vendorType: 'string' },
    ],
    version: 3,
    updatedDate: '2026-11-29T00:00:00Z',
    ...over,
  };
}

describe('<ce-field-mapper>', () => {
  afterEach(() => document.querySelectorAll('style[data-test]').forEach((s) => s.remove()));

  it('is accessible (axe): loaded, with a picker open, and with its problems shown', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
    await type(el, 'Email', 'mail');
    expect($(el, '[role="listbox"]')).to.exist;
    await expect(el).to.be.accessible();
    input(el, 'Email').blur();
    await el.updateComplete;
    button(el, 'save-button').click();
    await waitUntil(() => $(el, '[part~="error"]'));
    await expect(el).to.be.accessible();
  });

  it('suggests an app field for each unmapped host field by name (firstName ~ first_name, email ~ Email), one at a time or all at once', async () => {
    const el = await mount();
    const suggestion = (label: string) => row(el, label).querySelector('[part~="suggestion"]')?.textContent.trim();
    expect(suggestion('First name')).to.equal('Use First Name');
    expect(suggestion('Email')).to.equal('Use E-mail');
    expect(suggestion('City')).to.equal('Use City');
    // Age's namesake is text (convertible), so it is offered; nothing of the app fits "Active".
    expect(suggestion('Age')).to.equal('Use Age (text)');
    expect(suggestion('Active')).to.equal(undefined);

    const changed = oneEvent(el, 'change');
    (row(el, 'First name').querySelector('[part~="suggestion"]') as HTMLElement).click();
    await changed;
    await el.updateComplete;
    expect(pairs(el)).to.deep.equal({ firstName: 'first_name' });
    expect(input(el, 'First name').value).to.equal('First Name');
    expect(row(el, 'First name').querySelector('[part~="suggestion"]')).to.equal(null);
    expect(button(el, 'status').textContent).to.equal('Unsaved changes');

    button(el, 'accept-all').click();
    await el.updateComplete;
    expect(pairs(el)).to.deep.equal({ firstName: 'first_name', email: 'Email', age: 'age', 'billing.city': 'address.city' });
    expect($(el, '[part~="accept-all"]')).to.equal(null);
  });

  it('shows the type check of every pair: same, convertible or incompatible with the reason, and an incompatible pair makes it invalid', async () => {
    const el = await mount();
    await pick(el, 'Email', 'e-mail');
    expect(check(el, 'Email').getAttribute('part')).to.equal('check same');
    expect(check(el, 'Email').textContent).to.equal('Same type');
    await pick(el, 'Age', 'age (text)');
    expect(check(el, 'Age').getAttribute('part')).to.equal('check convertible');
    expect(check(el, 'Age').textContent).to.equal('Converted from string to number');
    await pick(el, 'Active', 'created');
    expect(check(el, 'Active').getAttribute('part')).to.equal('error');
    expect(check(el, 'Active').textContent).to.equal('datetime cannot become boolean');
    expect(input(el, 'Active').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'Active').getAttribute('aria-describedby')).to.equal(check(el, 'Active').id);
  });

  it('needs every required host field mapped before it saves; inside a form it reports validity and submits the mapping as JSON', async () => {
    const state: Proxy = { puts: [] };
    const { form, el } = await mountInForm(state);
    expect(row(el, 'First name').querySelector('[part~="required"]')).to.exist;
    expect(input(el, 'First name').getAttribute('aria-required')).to.equal('true');
    // Nothing shouts before the user tries to save.
    expect($(el, '[part~="error"]')).to.equal(null);
    expect(form.checkValidity()).to.equal(false);

    button(el, 'save-button').click();
    await waitUntil(() => $$(el, '[part~="error"]').length === 2);
    expect(check(el, 'First name').textContent).to.equal('Required');
    expect(state.puts).to.have.length(0);
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'First name'));

    await pick(el, 'First name', 'first');
    expect(form.checkValidity()).to.equal(false);
    await pick(el, 'Email', 'e-mail');
    expect(form.checkValidity()).to.equal(true);
    const value = JSON.parse(new FormData(form).get('mapping') as string) as TransformationInput;
    expect(value.vendorName).to.equal('contacts');
    expect(value.fields).to.deep.equal([
      { path: 'firstName', vendorPath: 'first_name', type: 'string', vendorType: 'string' },
      { path: 'email', vendorPath: 'Email', type: 'string', vendorType: 'string' },
    ]);

    const done = oneEvent(el, 'ce-mapping-saved');
    button(el, 'save-button').click();
    const { detail } = await done;
    expect(detail.transformation.version).to.equal(1);
    expect(state.puts).to.have.length(1);
    expect(state.puts[0]!.ifMatch).to.equal(null);
    await waitUntil(() => button(el, 'status').textContent === 'Saved');
  });

  it('submits a saved mapping inside a form with each app field’s type, before any edit', async () => {
    const { form, el } = await mountInForm({ puts: [], saved: saved() });
    await waitUntil(() => $(el, '[part~="row"]'), 'the mapper did not load', { timeout: 5000 });
    await el.updateComplete;
    const value = JSON.parse(new FormData(form).get('mapping') as string) as TransformationInput;
    expect(value.fields).to.deep.equal(saved().fields);
  });

  it('works with the keyboard alone: type to filter, arrows to move, Enter to choose, Escape to close', async () => {
    const el = await mount();
    input(el, 'First name').focus();
    await sendKeys({ type: 'name' });
    await el.updateComplete;
    const i = input(el, 'First name');
    expect(i.getAttribute('aria-expanded')).to.equal('true');
    expect(i.getAttribute('aria-controls')).to.equal('lb');
    expect(options(el)).to.deep.equal(['Not mapped', 'First Name first_name · string', 'Last Name lastName · string']);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(i.getAttribute('aria-activedescendant')).to.equal('o2');
    expect($(el, '#o2')!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(pairs(el)).to.deep.equal({ firstName: 'first_name' });
    expect(i.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '[role="listbox"]')).to.equal(null);

    // Tab moves on to the next row's picker (past the row's own buttons); Escape closes without choosing.
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'Email'));
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(options(el)[0]).to.equal('Not mapped');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, '[role="listbox"]')).to.equal(null);
    expect(pairs(el)).to.deep.equal({ firstName: 'first_name' });
  });

  it('uses each app field once unless allow-reuse is set', async () => {
    const el = await mount();
    await pick(el, 'First name', 'first');
    await type(el, 'Email', 'first name');
    const used = $$(el, '[part~="option"]').find((o) => o.textContent.includes('first_name'))!;
    expect(used.getAttribute('aria-disabled')).to.equal('true');
    expect(used.textContent).to.contain('Already used for firstName');
    used.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(pairs(el)).to.deep.equal({ firstName: 'first_name' });

    el.allowReuse = true;
    await el.updateComplete;
    await type(el, 'Email', 'first name');
    const free = $$(el, '[part~="option"]').find((o) => o.textContent.includes('first_name'))!;
    expect(free.getAttribute('aria-disabled')).to.equal('false');
    free.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(pairs(el)).to.deep.equal({ firstName: 'first_name', email: 'first_name' });
  });

  it('renders only the first 50 matches of 1,500 app fields, and says how many more to refine', async () => {
    const fields = Array.from({ length: 1_500 }, (_, i) => ({
      vendorPath: `custom_${i}__c`,
      type: 'string',
      vendorDisplayName: `Custom ${i}`,
    }));
    const el = await mount({ puts: [], fields });
    await type(el, 'First name', '');
    input(el, 'First name').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await el.updateComplete;
    expect($$(el, '[part~="option"]')).to.have.length(51);
    expect(button(el, 'more').textContent).to.equal('1,450 more: refine the search');
    await type(el, 'First name', 'custom 14');
    const matches = fields.filter((f) => f.vendorPath.includes('14')).length;
    expect($$(el, '[part~="option"]')).to.have.length(51);
    expect(button(el, 'more').textContent).to.equal(`${matches - 50} more: refine the search`);
    await type(el, 'First name', 'custom 1499');
    expect(options(el)).to.deep.equal(['Not mapped', 'Custom 1499 custom_1499__c · string']);
    await type(el, 'First name', 'nothing like it');
    expect(button(el, 'more').textContent).to.equal('No match');
  });

  it('says so when the metadata cannot be loaded (down or malformed), and Retry loads it', async () => {
    let answer: 'down' | 'malformed' | 'ok' = 'down';
    const el = await mount(
      { puts: [] },
      http.get(`${PROXY}/instances/inst-1/objects/:name/metadata`, () =>
        answer === 'down'
          ? problem('vendor_unreachable')
          : answer === 'malformed'
            ? HttpResponse.json({ fields: [{ vendorPath: 7 }] })
            : HttpResponse.json({ fields: CONTACT_FIELDS }),
      ),
    );
    expect(button(el, 'load-error').textContent).to.contain(errorMessage('vendor_unreachable'));
    answer = 'malformed';
    button(el, 'retry-button').click();
    await waitUntil(() => $(el, '[part~="load-error"]')?.textContent.includes(errorMessage('invalid_response')));
    answer = 'ok';
    button(el, 'retry-button').click();
    await waitUntil(() => $(el, '[part~="row"]'));
    expect($$(el, '[part~="row"]')).to.have.length(5);
  });

  it('speaks the language of the page: its words, numbers and errors in German', async () => {
    const de = await localeWords('de');
    document.documentElement.lang = 'de';
    try {
      const fields = Array.from({ length: 1500 }, (_, i) => ({ vendorPath: `f_${i}`, type: 'string', vendorDisplayName: `F ${i}` }));
      const el = await mount({ puts: [], fields });
      expect($(el, '[part~="header"]')!.textContent).to.contain(de['mapper.object']!.replace('{name}', 'Customer'));
      expect(button(el, 'save-button').textContent.trim()).to.equal(de['mapper.save']);
      await type(el, 'First name', '');
      input(el, 'First name').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
      await el.updateComplete;
      expect(button(el, 'more').textContent).to.equal(de['mapper.more']!.replace('{n}', '1.450'));
    } finally {
      document.documentElement.lang = '';
    }
  });

  it('says so when the app object has no fields', async () => {
    const el = await mount({ puts: [], fields: [] });
    expect($(el, '[part~="base"]')!.textContent).to.contain('No app fields to map.');
    expect($(el, '[part~="row"]')).to.equal(null);
  });

  it('offers an app field once when the metadata repeats its path', async () => {
    const el = await mount({
      puts: [],
      fields: [...CONTACT_FIELDS, { vendorPath: 'Email', type: 'string', vendorDisplayName: 'Email again' }],
    });
    await type(el, 'Email', 'mail');
    expect(options(el)).to.deep.equal(['Not mapped', 'E-mail Email · string']);
  });

  it('shows markup in field names as text', async () => {
    const evil = '<img src=x onerror="window.__ceXss=true">';
    (window as unknown as { __ceXss?: boolean }).__ceXss = false;
    const el = await mount(
      { puts: [], fields: [{ vendorPath: 'x', type: 'string', vendorDisplayName: `Name ${evil}` }] },
      http.get(`${PROXY}/common-resources/customers`, () =>
        HttpResponse.json({ name: 'customers', fields: [{ path: 'name', type: 'string', displayName: `Host ${evil}` }] }),
      ),
    );
    expect(row(el, `Host ${evil}`)).to.exist;
    await type(el, `Host ${evil}`, 'name');
    expect(options(el)[1]).to.equal(`Name ${evil} x · string`);
    expect($$(el, 'img')).to.have.length(0);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as unknown as { __ceXss?: boolean }).__ceXss).to.equal(false);
  });

  it('loads the saved mapping, and a save refused as stale (another tab saved) offers to load theirs with my changes on top: nothing is lost', async () => {
    const state: Proxy = { puts: [], saved: saved() };
    const el = await mount(state);
    expect(pairs(el)).to.deep.equal({ firstName: 'first_name', email: 'Email' });
    expect(input(el, 'Email').value).to.equal('E-mail');
    expect(button(el, 'status').textContent).to.equal('');

    // Another tab saves City meanwhile; this one maps Age and unmaps nothing.
    state.saved = saved({
      version: 4,
      fields: [...saved().fields, { path: 'billing.city', vendorPath: 'address.city', type: 'string' }],
    });
    await pick(el, 'Age', 'age (text)');
    button(el, 'save-button').click();
    await waitUntil(() => $(el, '[part~="merge-button"]'));
    expect(state.puts.at(-1)!.ifMatch).to.equal('3');
    expect(button(el, 'status').textContent).to.equal('Saved elsewhere since you opened it.');
    expect(pairs(el)).to.deep.equal({ firstName: 'first_name', email: 'Email', age: 'age' });

    button(el, 'merge-button').click();
    await waitUntil(() => pairs(el)['billing.city'], 'the saved version was not loaded');
    await el.updateComplete;
    expect($(el, '[part~="merge-button"]')).to.equal(null);
    expect(pairs(el)).to.deep.equal({ firstName: 'first_name', email: 'Email', age: 'age', 'billing.city': 'address.city' });
    expect(button(el, 'status').textContent).to.equal('Unsaved changes');
    const done = oneEvent(el, 'ce-mapping-saved');
    button(el, 'save-button').click();
    expect((await done).detail.transformation.version).to.equal(5);
    expect(state.puts.at(-1)!.ifMatch).to.equal('4');
    expect(state.saved.fields.map((f) => f.path)).to.deep.equal(['firstName', 'email', 'age', 'billing.city']);
  });

  it('shows a mapped app field the app no longer has (drift), and Reset goes back to the saved mapping', async () => {
    const drifted = saved({
      fields: [...saved().fields, { path: 'age', vendorPath: 'legacy_age', type: 'number' }],
      drift: [{ path: 'age', vendorPath: 'legacy_age', reason: 'removed' }],
    });
    const el = await mount({ puts: [], saved: drifted });
    expect(input(el, 'Age').value).to.equal('legacy_age');
    expect(check(el, 'Age').textContent).to.equal('legacy_age is no longer in the app');
    expect(input(el, 'Age').getAttribute('aria-invalid')).to.equal('true');
    await pick(el, 'Age', 'score');
    expect(check(el, 'Age').textContent).to.equal('Same type');
    button(el, 'reset-button').click();
    await el.updateComplete;
    expect(pairs(el).age).to.equal('legacy_age');
    expect(button(el, 'status').textContent).to.equal('');
  });

  it('previews one real record through the unsaved mapping', async () => {
    let sent: TransformationInput | undefined;
    const el = await mount(
      { puts: [] },
      http.post(`${PROXY}/instances/inst-1/transformations/customers/preview`, async ({ request }) => {
        sent = (await request.json()) as TransformationInput;
        return HttpResponse.json({
          item: { firstName: 'Ada', billing: { city: 'London' } },
          errors: [{ path: 'age', message: 'not a number' }],
        });
      }),
    );
    await pick(el, 'First name', 'first');
    button(el, 'preview-button').click();
    await waitUntil(() => $(el, '[part~="preview"]'));
    expect(sent!.fields.map((f) => f.vendorPath)).to.deep.equal(['first_name']);
    const preview = button(el, 'preview');
    const shown = Object.fromEntries(
      [...preview.querySelectorAll('dt')].map((dt) => [dt.textContent.trim(), dt.nextElementSibling!.textContent.trim()]),
    );
    expect(shown).to.deep.equal({ 'First name': 'Ada', Email: '—', Age: '—', Active: '—', City: 'London' });
    const text = preview.textContent;
    expect(text).to.contain('age: not a number');
  });

  it('takes its host fields and value from properties', async () => {
    await mockProxy(...proxy({ puts: [] }));
    const value = { vendorName: 'contacts', fields: [{ path: 'code', vendorPath: 'score', type: 'string' }] };
    const el = await fixture<CeFieldMapper>(
      html`<ce-field-mapper
        proxy-url=${PROXY}
        session-token="t"
        instance="inst-1"
        resource="customers"
        .hostFields=${[{ path: 'code', type: 'string', displayName: 'Code' }]}
        .value=${value}
      ></ce-field-mapper>`,
    );
    await ready(el);
    expect($$(el, '[part~="row"]')).to.have.length(1);
    expect(input(el, 'Code').value).to.equal('Score');
    expect(check(el, 'Code').textContent).to.equal('Converted from integer to string');
  });

  it('follows a value the page sets: shown, submitted with a form, and unset goes back to the saved mapping', async () => {
    const state: Proxy = { puts: [], saved: saved() };
    const { form, el } = await mountInForm(state);
    el.value = { vendorName: 'contacts', fields: [{ path: 'age', vendorPath: 'score', type: 'number' }] };
    await el.updateComplete;
    expect(input(el, 'Age').value).to.equal('Score');
    expect(input(el, 'Email').value).to.equal('');
    const submitted = JSON.parse(new FormData(form).get('mapping') as string) as TransformationInput;
    expect(submitted.fields.map((f) => f.vendorPath)).to.deep.equal(['score']);
    el.value = undefined;
    await el.updateComplete;
    expect(pairs(el)).to.deep.equal({ firstName: 'first_name', email: 'Email' });
    expect(input(el, 'Email').value).to.equal('E-mail');
  });

  it('can be restyled from the page with ::part() and custom properties', async () => {
    const el = await mount();
    const style = Object.assign(document.createElement('style'), {
      textContent: 'ce-field-mapper::part(row) { border-top: 3px solid; } ce-field-mapper { --ce-color-primary: rgb(1, 2, 3); }',
    });
    style.dataset.test = '';
    document.head.append(style);
    expect(getComputedStyle(row(el, 'Email')).borderTopWidth).to.equal('3px');
    expect(getComputedStyle(button(el, 'save-button')).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});
