// Real apps offline, for a test file: msw answers their documented requests, every provider host
// resolves to a public documentation address (so the outbound rules pass and msw answers before any
// connection is made), and the shipped definitions are loaded once.
import { after, afterEach, before, mock } from 'node:test';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { setupServer } from 'msw/node';
import { loadDefinitions, type ElementDefinition } from '../../src/server/platform/definitions.js';
import { DEFAULT_ELEMENTS_DIR } from '../../src/server/platform/platform.js';

/** Registers the file's hooks; `server.use(...)` adds a test's answers; `definitions()` the shipped apps, `definition(key)` one. */
export function offlineApps() {
  const server = setupServer();
  let defs: ElementDefinition[] = [];
  before(async () => {
    defs = await loadDefinitions(DEFAULT_ELEMENTS_DIR);
    mock.method(dns.promises, 'lookup', async () => [{ address: '93.184.215.14', family: 4 }]);
    syncBuiltinESMExports();
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(() => server.resetHandlers());
  after(() => {
    server.close();
    mock.restoreAll();
    syncBuiltinESMExports();
  });
  return {
    server,
    definitions: () => defs,
    definition: (key: string) => {
      const def = defs.find((d) => d.key === key);
      if (!def) throw new Error(`no shipped definition ${key}`);
      return def;
    },
  };
}
