import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overBudget, type BundleSizes } from '../bench/bundle-size.js';

const sizes = (entry: number, chunk: number): BundleSizes => ({
  entry: { file: 'ce-marketplace.js', raw: entry * 3, gzip: entry },
  chunks: [{ file: 'chunks/connect-flow-x.js', raw: chunk * 3, gzip: chunk }],
  total: { raw: (entry + chunk) * 3, gzip: entry + chunk },
});

test('the size check names each budget the bundle exceeds, and passes one within both', () => {
  const budgets = { entry: 100, total: 150 };
  assert.deepEqual(overBudget(sizes(100, 50), budgets), []);
  assert.match(overBudget(sizes(101, 10), budgets).join('\n'), /the entry ce-marketplace\.js is 101 bytes gzip, over its 100/);
  assert.match(overBudget(sizes(90, 61), budgets).join('\n'), /its chunks are 151 bytes gzip, over their 150/);
  assert.equal(overBudget(sizes(120, 60), budgets).length, 2);
});
