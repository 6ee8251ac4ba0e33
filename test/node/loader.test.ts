import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Loader } from '../../src/widget/api/loader.js';

/** Just enough of a Lit element to drive a controller: it counts update requests. */
function host() {
  const h = {
    updates: 0,
    controllers: [] as ReactiveController[],
    addController(c: ReactiveController) {
      h.controllers.push(c);
    },
    removeController() {},
    requestUpdate() {
      h.updates++;
    },
    updateComplete: Promise.resolve(true),
    /** What Lit does on each update: every controller's hostUpdate. */
    update() {
      for (const c of h.controllers) c.hostUpdate?.();
    },
  };
  return h satisfies ReactiveControllerHost & Record<string, unknown>;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

test('loads at the first update, and again only when an argument changes', async () => {
  const h = host();
  let arg = 'a';
  const calls: string[] = [];
  const loader = new Loader(
    h,
    async ([x]) => (calls.push(x), x.toUpperCase()),
    () => [arg] as const,
  );
  h.update();
  assert.equal(loader.pending, true);
  await loader.run(); // the same arguments: a retry runs anyway
  assert.deepEqual(calls, ['a', 'a']);
  assert.equal(loader.value, 'A');
  assert.equal(loader.pending, false);
  h.update();
  assert.deepEqual(calls, ['a', 'a'], 'unchanged arguments load nothing');
  arg = 'b';
  h.update();
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(calls, ['a', 'a', 'b']);
  assert.ok(h.updates >= 4, 'the host is asked to render pending and done states');
});

test('an answer that arrives after a newer run started is dropped', async () => {
  const h = host();
  const slow = deferred<string>();
  const fast = deferred<string>();
  let arg = 'slow';
  const loader = new Loader(
    h,
    ([x]) => (x === 'slow' ? slow.promise : fast.promise),
    () => [arg] as const,
  );
  h.update();
  arg = 'fast';
  h.update();
  fast.resolve('fast answer');
  await fast.promise;
  await new Promise((r) => setTimeout(r));
  slow.resolve('slow answer');
  await new Promise((r) => setTimeout(r));
  assert.equal(loader.value, 'fast answer');
  assert.equal(loader.pending, false);
});

test('a failure is kept and reported once, and a retry clears it', async () => {
  const h = host();
  const reported: unknown[] = [];
  let fail = true;
  const loader = new Loader(
    h,
    async () => {
      if (fail) throw new Error('down');
      return 42;
    },
    () => [] as const,
    (e) => reported.push(e),
  );
  await loader.run();
  assert.equal((loader.error as Error).message, 'down');
  assert.equal(reported.length, 1);
  assert.equal(loader.pending, false);
  fail = false;
  const retry = loader.run();
  assert.equal(loader.error, undefined, 'the error is gone as soon as the retry starts');
  await retry;
  assert.equal(loader.value, 42);
  assert.equal(reported.length, 1);
});
