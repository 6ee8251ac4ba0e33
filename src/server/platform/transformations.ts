import type {
  FieldError,
  FieldMetadata,
  MappedPage,
  MappingPreview,
  SchemaDrift,
  Transformation,
  TransformationField,
  TransformationInput,
} from '../../contract/index.js';
import { ProblemError } from '../problem.js';
import type { InstanceRow, TransformationRow } from '../store/store.js';
import { definitionOf, findInstance } from './checks.js';
import type { ElementDefinition } from './definitions.js';
import { fieldErrors, mapRecord } from './mapping.js';
import { listPage, type ListDeps } from './resources.js';
import type { CommonResources, Scope } from './types.js';

/**
 * Mappings (transformations): a host object (a common resource, by name) read from an object of a
 * connected app, stored per tenant, connection and name with a version that every change must name
 * (If-Match), so a save from a stale second tab is refused and loses nothing. Reading one reports
 * the mapped fields the app no longer has (schema drift); the records route reads the app's
 * records through it.
 */

/** The app's fields of one of its objects, as discovery reads them (GET …/objects/{name}/metadata). */
export type FieldsOf = (scope: Scope, instanceId: string, objectName: string) => Promise<FieldMetadata[]>;

export interface TransformationsDeps extends ListDeps {
  fieldsOf: FieldsOf;
  /** The host's own objects: when it declares any, a mapping's name and host fields must be among them. */
  commonResources?: CommonResources;
}

/** The version a change names: `If-Match: "3"` (or 3), `*` for any existing one; absent means "create, none may exist". */
export interface Precondition {
  ifMatch?: string;
}

export interface Transformations {
  get(scope: Scope, instanceId: string, name: string): Promise<Transformation>;
  /** Creates (no If-Match) or replaces (If-Match naming the current version); 412 otherwise. */
  put(
    scope: Scope,
    instanceId: string,
    name: string,
    input: TransformationInput,
    precondition: Precondition,
  ): Promise<{ transformation: Transformation; created: boolean }>;
  delete(scope: Scope, instanceId: string, name: string, precondition: Precondition): Promise<void>;
  /** The first record of the app's object through an unsaved mapping. */
  preview(scope: Scope, instanceId: string, name: string, input: TransformationInput): Promise<MappingPreview>;
  /** A page of the app's records through the saved mapping. */
  records(scope: Scope, instanceId: string, name: string, ask: { pageSize?: number; cursor?: string }): Promise<MappedPage>;
}

export const PAGE_SIZE = { default: 50, max: 200 } as const;
/** A mapping's name: a host object's (common resource's) name. */
export const TRANSFORMATION_NAME = /^[A-Za-z_][\w-]{0,99}$/;

const invalid = (errors: FieldError[]) =>
  new ProblemError('validation_failed', `The mapping is invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors);

function checkName(name: string): void {
  if (!TRANSFORMATION_NAME.test(name))
    throw invalid([{ field: 'name', message: 'Use up to 100 letters, digits, _ and -, starting with a letter or _.' }]);
}

/** Host fields the host's declared object (its common resource of this name) lacks, or declares with another type. */
function hostFieldErrors(deps: TransformationsDeps, name: string, fields: TransformationField[]): FieldError[] {
  if (!deps.commonResources?.list().length) return [];
  const resource = deps.commonResources.get(name); // not_found for an object the host did not declare
  const declared = new Map(resource.fields.map((f) => [f.path, f]));
  const label = resource.displayName ?? resource.name;
  return fields.flatMap((f, i): FieldError[] => {
    const host = declared.get(f.path);
    if (!host) return [{ field: `fields.${i}.path`, message: `${label} has no field "${f.path}".` }];
    return host.type === f.type ? [] : [{ field: `fields.${i}.type`, message: `${label}'s "${f.path}" is a ${host.type} field.` }];
  });
}

/** `"3"`, `W/"3"` or `3` → 3; `*` → 'any'; absent → undefined. */
function expectedVersion(ifMatch: string | undefined): number | 'any' | undefined {
  if (ifMatch === undefined) return undefined;
  const v = ifMatch.trim();
  if (v === '*') return 'any';
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(v);
  if (!m)
    throw new ProblemError('validation_failed', 'If-Match must be the version (ETag) you read, such as "3", or *.', [
      { field: 'If-Match', message: 'Send the ETag of the mapping you read.' },
    ]);
  return Number(m[1]);
}

const objectOf = (def: ElementDefinition, vendorName: string) =>
  def.objects?.find((o) => o.name === vendorName) ?? def.objects?.find((o) => o.vendorName === vendorName);

function toTransformation(row: TransformationRow, drift: SchemaDrift[] | undefined): Transformation {
  return {
    vendorName: row.vendor_name,
    fields: JSON.parse(row.fields) as TransformationField[],
    version: row.version,
    updatedDate: row.updated_at,
    ...(drift ? { drift } : {}),
  };
}

/** Mapped fields the app no longer has, or whose type changed since the save. */
export function driftOf(fields: readonly TransformationField[], current: readonly FieldMetadata[]): SchemaDrift[] {
  const byPath = new Map(current.map((f) => [f.vendorPath, f]));
  const drift: SchemaDrift[] = [];
  for (const f of fields) {
    const now = byPath.get(f.vendorPath);
    if (!now) drift.push({ path: f.path, vendorPath: f.vendorPath, reason: 'removed' });
    else if (f.vendorType !== undefined && now.type !== f.vendorType)
      drift.push({ path: f.path, vendorPath: f.vendorPath, reason: 'type_changed', vendorType: now.type });
  }
  return drift;
}

type Expected = number | 'any' | undefined;
type Target = Awaited<ReturnType<typeof targetOf>>;

const savedOf = (deps: TransformationsDeps, row: InstanceRow, name: string) =>
  deps.store.db
    .selectFrom('transformations')
    .selectAll()
    .where('tenant_id', '=', row.tenant_id)
    .where('instance_id', '=', row.id)
    .where('name', '=', name)
    .executeTakeFirst();

const noMapping = (name: string) => new ProblemError('not_found', `This connection has no mapping named "${name}".`);

/** The app's current fields, or undefined when they cannot be read now (logged): drift is then unknown, never invented. */
async function currentFields(deps: TransformationsDeps, scope: Scope, row: InstanceRow, objectName: string) {
  try {
    return await deps.fieldsOf(scope, row.id, objectName);
  } catch (e) {
    deps.logger.warn({ err: e, instance: row.id, object: objectName }, 'the app fields could not be read: schema drift not checked');
    return undefined;
  }
}

/** The connection, its app and the object an input names; field errors for an unknown object or malformed fields. */
async function targetOf(deps: TransformationsDeps, scope: Scope, instanceId: string, name: string, input: TransformationInput) {
  checkName(name);
  const row = await findInstance(deps, scope, instanceId);
  const { def, auth } = definitionOf(deps, row);
  const errors = [...fieldErrors(input.fields), ...hostFieldErrors(deps, name, input.fields)];
  const object = objectOf(def, input.vendorName);
  if (!object?.list) {
    throw invalid([
      { field: 'vendorName', message: `${def.name} has no object "${input.vendorName}" to read records from.` },
      ...errors,
    ]);
  }
  if (errors.length) throw invalid(errors);
  return { row, def, auth, object, list: object.list };
}

/** The fields to store: each vendor path checked against the app's fields and its type recorded, when they can be read now. */
async function checkedFields(deps: TransformationsDeps, scope: Scope, t: Target, fields: TransformationField[]) {
  const current = await currentFields(deps, scope, t.row, t.object.name);
  if (!current) return { fields, checked: false };
  const byPath = new Map(current.map((f) => [f.vendorPath, f]));
  const errors: FieldError[] = [];
  fields.forEach((f, i) => {
    if (!byPath.has(f.vendorPath))
      errors.push({ field: `fields.${i}.vendorPath`, message: `${t.def.name} has no field "${f.vendorPath}" on ${t.object.name}.` });
  });
  if (errors.length) throw invalid(errors);
  // The app's type now, over a client's: the base a later type change is measured from.
  return { fields: fields.map((f) => ({ ...f, vendorType: byPath.get(f.vendorPath)!.type })), checked: true };
}

/** Inserts (nothing may exist) or updates the version expected; undefined when the condition does not hold. */
async function write(deps: TransformationsDeps, t: Target, name: string, fields: TransformationField[], expected: Expected) {
  const db = deps.store.db;
  const now = new Date().toISOString();
  const json = JSON.stringify(fields);
  const { row } = t;
  if (expected === undefined) {
    const values = { tenant_id: row.tenant_id, instance_id: row.id, name, vendor_name: t.object.name, fields: json, version: 1 };
    return db
      .insertInto('transformations')
      .values({ ...values, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['tenant_id', 'instance_id', 'name']).doNothing())
      .returningAll()
      .executeTakeFirst();
  }
  let update = db
    .updateTable('transformations')
    .set((eb) => ({ vendor_name: t.object.name, fields: json, version: eb('version', '+', 1), updated_at: now }))
    .where('tenant_id', '=', row.tenant_id)
    .where('instance_id', '=', row.id)
    .where('name', '=', name);
  if (expected !== 'any') update = update.where('version', '=', expected);
  return update.returningAll().executeTakeFirst();
}

/** Why a conditional write found nothing to write, from what is stored now. */
async function stale(deps: TransformationsDeps, row: InstanceRow, name: string, expected: Expected): Promise<ProblemError> {
  const now = await savedOf(deps, row, name);
  if (expected === undefined)
    return new ProblemError(
      'precondition_failed',
      `A mapping named "${name}" exists already (version ${now?.version ?? '?'}): read it and send its ETag as If-Match to change it.`,
    );
  if (!now)
    return new ProblemError('precondition_failed', `There is no mapping named "${name}" to change: send no If-Match to create it.`);
  return new ProblemError(
    'precondition_failed',
    `The mapping "${name}" changed elsewhere: it is at version ${now.version}, not ${String(expected)}. Reload it, then save again.`,
  );
}

async function getOne(deps: TransformationsDeps, scope: Scope, instanceId: string, name: string): Promise<Transformation> {
  checkName(name);
  const row = await findInstance(deps, scope, instanceId);
  const saved = await savedOf(deps, row, name);
  if (!saved) throw noMapping(name);
  const object = objectOf(definitionOf(deps, row).def, saved.vendor_name);
  const fields = JSON.parse(saved.fields) as TransformationField[];
  // An object the app no longer offers: every mapped field is gone with it.
  const current = object ? await currentFields(deps, scope, row, object.name) : [];
  return toTransformation(saved, current && driftOf(fields, current));
}

async function deleteOne(deps: TransformationsDeps, scope: Scope, instanceId: string, name: string, precondition: Precondition) {
  checkName(name);
  const expected = expectedVersion(precondition.ifMatch);
  const row = await findInstance(deps, scope, instanceId);
  let del = deps.store.db
    .deleteFrom('transformations')
    .where('tenant_id', '=', row.tenant_id)
    .where('instance_id', '=', row.id)
    .where('name', '=', name);
  if (typeof expected === 'number') del = del.where('version', '=', expected);
  const done = await del.executeTakeFirst();
  if (Number(done.numDeletedRows) > 0) return;
  if (typeof expected === 'number' && (await savedOf(deps, row, name))) throw await stale(deps, row, name, expected);
  throw noMapping(name);
}

async function preview(deps: TransformationsDeps, scope: Scope, instanceId: string, name: string, input: TransformationInput) {
  const t = await targetOf(deps, scope, instanceId, name, input);
  const [page, current] = await Promise.all([
    listPage(deps, t.row, { ...t, object: t.object.name }, { size: 1 }),
    currentFields(deps, scope, t.row, t.object.name),
  ]);
  const missing = current ? driftOf(input.fields, current).filter((d) => d.reason === 'removed') : [];
  const errors = missing.map((d) => ({ path: d.path, message: `${t.def.name} has no field "${d.vendorPath}".` }));
  if (page.records.length === 0) return { item: null, errors };
  const mapped = mapRecord(page.records[0], input.fields);
  return { item: mapped.item, errors: [...errors, ...mapped.errors.map(({ path, message }) => ({ path, message }))] };
}

async function records(
  deps: TransformationsDeps,
  scope: Scope,
  instanceId: string,
  name: string,
  ask: { pageSize?: number; cursor?: string },
): Promise<MappedPage> {
  checkName(name);
  const size = ask.pageSize ?? PAGE_SIZE.default;
  if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE.max)
    throw invalid([{ field: 'pageSize', message: `A whole number from 1 to ${PAGE_SIZE.max}.` }]);
  const row = await findInstance(deps, scope, instanceId);
  const saved = await savedOf(deps, row, name);
  if (!saved) throw noMapping(name);
  const { def, auth } = definitionOf(deps, row);
  const object = objectOf(def, saved.vendor_name);
  if (!object?.list) throw new ProblemError('conflict', `${def.name} no longer offers "${saved.vendor_name}": map "${name}" again.`);
  const fields = JSON.parse(saved.fields) as TransformationField[];
  const target = { def, auth, list: object.list, object: object.name };
  const page = await listPage(deps, row, target, { size, ...(ask.cursor === undefined ? {} : { cursor: ask.cursor }) });
  const items: Record<string, unknown>[] = [];
  const errors: MappedPage['errors'] = [];
  page.records.forEach((record, index) => {
    const mapped = mapRecord(record, fields);
    items.push(mapped.item);
    for (const e of mapped.errors) errors.push({ index, ...e });
  });
  return { items, nextCursor: page.nextCursor, errors };
}

export function createTransformations(deps: TransformationsDeps): Transformations {
  return {
    get: (scope, instanceId, name) => getOne(deps, scope, instanceId, name),
    async put(scope, instanceId, name, input, precondition) {
      const expected = expectedVersion(precondition.ifMatch);
      const t = await targetOf(deps, scope, instanceId, name, input);
      const { fields, checked } = await checkedFields(deps, scope, t, input.fields);
      const saved = await write(deps, t, name, fields, expected);
      if (!saved) throw await stale(deps, t.row, name, expected);
      return { transformation: toTransformation(saved, checked ? [] : undefined), created: expected === undefined };
    },
    delete: (scope, instanceId, name, precondition) => deleteOne(deps, scope, instanceId, name, precondition),
    preview: (scope, instanceId, name, input) => preview(deps, scope, instanceId, name, input),
    records: (scope, instanceId, name, ask) => records(deps, scope, instanceId, name, ask),
  };
}
