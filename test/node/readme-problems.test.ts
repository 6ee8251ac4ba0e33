import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { PROBLEM_CODES } from '../../src/contract/index.js';
import { PROBLEM_STATUS } from '../../src/server/problem.js';

test("the README's problem codes table lists every code, in order, with its status", async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('### Problem codes');
  assert.ok(start >= 0, 'README.md has a "Problem codes" section');
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  const rows = [...section.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
  assert.deepEqual(
    rows,
    PROBLEM_CODES.map((code) => [code, PROBLEM_STATUS[code].status]),
  );
});
