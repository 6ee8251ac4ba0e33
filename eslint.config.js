// ESLint flat config: type-aware typescript-eslint (strict), Lit, web components and the accessibility of Lit
// templates. Formatting is Prettier's job: `npm run lint` runs `prettier --check` after ESLint.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

const BROWSER = ['src/widget/**', 'test/browser/**', 'demo/host/public/**', 'src/server/proxy/connect-page/*.js'];

export default defineConfig([
  globalIgnores(['dist/', '.data/', 'test-results/', 'test/browser/mockServiceWorker.js']),

  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      // Every file is in tsconfig.json (allowJs), so the JavaScript files are type-checked too; this one is not.
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `xs[i]!` after a length check is how this code base reads arrays; `?.` instead would hide the bug it asserts away.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers read well in messages; null, undefined, booleans and objects there are still mistakes.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `@click=${() => this.#open()}` (the Lit idiom) and `if (bad) return refuse()` in a void callback say what they mean;
      // a void value used as a value is still reported.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // `async` without `await` is how a fake or an interface method rejects instead of throwing; forgotten awaits are
      // no-floating-promises' job.
      '@typescript-eslint/require-await': 'off',
      // `const { secret: _, ...rest } = x` is how an object loses a key.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            // node:test runs its tests and suites itself; awaiting `test()` would serialise nothing.
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
            // @open-wc/semantic-dom-diff types every chai `.equal` as a Promise (for `.dom.to.equal`), which we never use.
            { from: 'package', package: '@open-wc/semantic-dom-diff', name: 'Equal' },
          ],
        },
      ],
    },
  },
  { files: BROWSER, languageOptions: { globals: globals.browser } },

  // Lit templates and custom elements: the widget, and the templates the browser tests render.
  {
    files: ['src/widget/**/*.ts', 'test/browser/**/*.ts'],
    extends: [lit.configs['flat/recommended'], litA11y.configs.recommended],
  },
  {
    files: ['src/widget/**/*.ts'],
    extends: [wc.configs['flat/best-practice']],
    // The plugin only knows an element by its base class (its LitElement detection fails under ESM): name ours.
    settings: { wc: { elementBaseClasses: ['LitElement', 'ApiElement'] } },
  },

  // The product's size limits; tests, demo and scripts are exempt (a long table of cases reads best whole).
  {
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Kysely's migrations take `Kysely<any>` on purpose: a migration must not be typed by today's schema.
    files: ['src/server/store/migrations.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['test/**'],
    rules: {
      // Tests read untyped JSON answers and event details on purpose: the assertion that follows is the check.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plugin configs in plain JavaScript: the manifest analyzer hands its plugins the TypeScript module and its AST
    // untyped, and web-test-runner's middleware context is untyped; the unsafe-* rules only restate that.
    files: ['scripts/custom-elements-manifest.config.mjs', 'test/browser/web-test-runner.config.mjs'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // chai's property assertions (`expect(x).to.exist`) are expressions by design.
    files: ['test/browser/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
]);
