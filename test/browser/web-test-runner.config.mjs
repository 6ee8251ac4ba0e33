import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { minifyLitTemplates } from '../../scripts/minify-lit-templates.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default {
  rootDir: root,
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [
    // The components' templates as the build ships them (whitespace-collapsed), before esbuild.
    {
      name: 'ce-minify-lit-templates',
      transform(context) {
        if (!/^\/src\/widget\/.*\.ts$/.test(context.path) || typeof context.body !== 'string') return;
        const body = minifyLitTemplates(context.body, context.path);
        return body === null ? undefined : { body };
      },
    },
    esbuildPlugin({ ts: true, tsconfig: `${root}/tsconfig.json` }),
  ],
  // The msw worker must be served from the root, or its scope does not cover the test page.
  middleware: [
    (ctx, next) => {
      if (ctx.url === '/mockServiceWorker.js') ctx.url = '/test/browser/mockServiceWorker.js';
      return next();
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), args: chromiumArgs },
    }),
  ],
};
