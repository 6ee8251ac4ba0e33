import * as z from 'zod/mini';
import { HOST_FIELD_TYPES, type CommonResource } from '../../contract/index.js';
import { ProblemError } from '../problem.js';
import type { CommonResources } from './types.js';

/**
 * The host's own objects, declared in a JSON file (a list of resources) and validated at start-up:
 * a mistake stops the proxy with a message naming the resource, the field and what is wrong.
 */
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;
const KEY = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
const PATH = new RegExp(String.raw`^${KEY}(?:\.${KEY})*$`);

const CommonResourceField = z.strictObject({
  path: z.string().check(z.regex(PATH, 'must be a dotted path of letters, digits and underscores, such as billingAddress.city')),
  type: z.enum(HOST_FIELD_TYPES),
  displayName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  required: z.optional(z.boolean()),
});
const CommonResourceDefinition = z.strictObject({
  name: z.string().check(z.regex(NAME, 'must be a letter, then letters, digits, _ or - (at most 100), such as customers')),
  displayName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  fields: z.array(CommonResourceField).check(z.minLength(1, 'must list at least one field')),
});
const CommonResourceFile = z.array(CommonResourceDefinition);

/** A readable place in the file: `"customers".fields["email"].type` rather than `0.fields.2.type`. */
function placeOf(json: unknown, path: readonly PropertyKey[]): string {
  let node = json;
  let out = '';
  for (const key of path) {
    const next = (node as Record<PropertyKey, unknown> | undefined)?.[key];
    const label = (next as { name?: unknown; path?: unknown } | undefined)?.name ?? (next as { path?: unknown } | undefined)?.path;
    out += typeof key === 'number' ? (typeof label === 'string' ? `["${label}"]` : `[${key}]`) : `${out ? '.' : ''}${String(key)}`;
    node = next;
  }
  return out || '(the whole file)';
}

/** Checks a common resources file's content; throws an Error whose message names the place and the problem. */
export function parseCommonResources(json: unknown): CommonResource[] {
  const r = CommonResourceFile.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    throw new Error(`${placeOf(json, issue.path)}: ${issue.message}${keys}`);
  }
  const names = new Set<string>();
  for (const res of r.data) {
    if (names.has(res.name)) throw new Error(`["${res.name}"]: the name is used twice`);
    names.add(res.name);
    const paths = new Set(res.fields.map((f) => f.path));
    if (paths.size !== res.fields.length) {
      const twice = res.fields.find((f, i) => res.fields.findIndex((g) => g.path === f.path) !== i)!;
      throw new Error(`["${res.name}"].fields["${twice.path}"]: the path is listed twice`);
    }
    // A record cannot hold both a value and an object at `billingAddress`.
    const parent = res.fields.find((f) => res.fields.some((g) => g.path.startsWith(`${f.path}.`)));
    if (parent) throw new Error(`["${res.name}"].fields["${parent.path}"]: is a value and also holds other fields`);
  }
  return r.data;
}

export function createCommonResources(resources: CommonResource[]): CommonResources {
  const byName = new Map(resources.map((r) => [r.name, r]));
  return {
    list: () => resources,
    get(name) {
      const r = byName.get(name);
      if (!r) throw new ProblemError('not_found', `There is no common resource "${name}".`);
      return r;
    },
  };
}
