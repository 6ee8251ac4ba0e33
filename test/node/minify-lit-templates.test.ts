import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minifyCss, minifyHtml, minifyLitTemplates } from '../../scripts/minify-lit-templates.mjs';

test('CSS loses comments and whitespace but keeps descendant pseudo-classes, operators and strings', () => {
  const css = `
    /* a comment */
    .a :focus-visible,
    .b > .c {
      width: calc(100% - 2 * var(--s, 8px));
      font-family: 'Segoe UI', sans-serif;
      content: " ; x ";
    }
    @media (forced-colors: active) {
      .d { outline: 2px solid Highlight; }
    }
  `;
  assert.equal(
    minifyCss(css),
    ` .a :focus-visible,.b > .c{width:calc(100% - 2 * var(--s,8px));font-family:'Segoe UI',sans-serif;content:" ; x "}@media (forced-colors:active){.d{outline:2px solid Highlight}}`,
  );
});

test('HTML keeps one space wherever there was whitespace', () => {
  assert.equal(minifyHtml('<p>\n    A  b\n  </p>\n  <span title="x  y">'), '<p> A b </p> <span title="x y">');
});

test('HTML drops quotes only around a static one-word attribute value not followed by /', () => {
  assert.equal(
    minifyHtml('<b part="a-b" class="x y" id="${'), // a bound value's quote stays
    '<b part=a-b class="x y" id="${',
  );
  assert.equal(minifyHtml('<img alt="" width="32"/> <i role="status">'), '<img alt="" width="32"/> <i role=status>');
});

test('CSS drops optional quotes in attribute selectors and leading zeros of numbers', () => {
  assert.equal(
    minifyCss(`[part~='a-b'], [x="1a"], [aria-pressed="true"] { opacity: 0.5; margin: -0.25em calc(1px * 0.75); width: 10.5px }`),
    `[part~=a-b],[x="1a"],[aria-pressed=true]{opacity:.5;margin:-.25em calc(1px * .75);width:10.5px}`,
  );
});

test('only css`` and html`` text changes; interpolations, other templates and <textarea> text stay', () => {
  const code = [
    'const a = css`',
    '  :host {',
    '    color: ${x};',
    '  }`;',
    'const b = html`<p>\n  ${y}  text\n</p>`;',
    'const c = `keep   this`;',
    'const d = html`<textarea>\n  keep\n</textarea>`;',
    'const e = html`<textarea part="input"\n   rows="2"></textarea>`;',
    'const f = html`<pre id=${id}>\n  a   b</pre>`;',
    'const g = html`<textarea>\n  ${v}</textarea>`;',
  ].join('\n');
  const out = minifyLitTemplates(code, 'x.ts');
  assert.equal(
    out,
    [
      'const a = css`:host{color:${x}}`;',
      'const b = html`<p> ${y} text </p>`;',
      'const c = `keep   this`;',
      'const d = html`<textarea>\n  keep\n</textarea>`;',
      'const e = html`<textarea part=input rows=2></textarea>`;',
      'const f = html`<pre id=${id}>\n  a   b</pre>`;',
      'const g = html`<textarea>\n  ${v}</textarea>`;',
    ].join('\n'),
  );
  assert.equal(minifyLitTemplates('const x = 1;', 'x.ts'), null);
});

test('an apostrophe inside a CSS comment opens no string: what follows is still minified', () => {
  const css = `
    /* the catalog's answer */
    .a {
      color: red;
    }
    /* a field's border */
    .b {
      content: 'x';
    }
  `;
  assert.equal(minifyCss(css), ` .a{color:red}.b{content:'x'}`);
});
