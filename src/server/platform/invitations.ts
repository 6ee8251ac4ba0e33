import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  INVITATION_DEFAULT_HOURS,
  type CreateInvitation,
  type FieldError,
  type Invitation,
  type InvitationStatus,
} from '../../contract/index.js';
import type { Logger } from '../log.js';
import { invitationEmail } from '../mail/invitation-email.js';
import type { Mailer } from '../mail/mailer.js';
import { ProblemError } from '../problem.js';
import type { InvitationRow, Store } from '../store/store.js';
import type { PlatformCatalog } from './catalog.js';
import type { Idempotency } from './idempotency.js';
import { invitationView } from './invitation-status.js';

export interface InvitationSettings {
  /** The host's name in the email and on the connect page, e.g. "Acme Books". */
  hostName: string;
  /** The connect page's address; the link adds `?invitation=<token>`. */
  pageUrl: string | (() => string);
}

export interface InvitationsDeps {
  store: Store;
  catalog: PlatformCatalog;
  idempotency: Idempotency;
  /** Absent: invitations are stored and marked not_sent (SMTP is not configured). */
  mailer?: Mailer;
  settings: InvitationSettings;
  logger: Logger;
  now?: () => number;
}

/** What a valid link opens: the page's words and the session it may have. */
export interface OpenInvitation {
  state: 'valid';
  id: string;
  tenantId: string;
  email: string;
  name?: string;
  message?: string;
  elements: { key: string; name: string }[];
  expiresAt: string;
  hostName: string;
}
export type InvitationLookup =
  OpenInvitation | { state: 'expired' | 'revoked'; hostName: string } | { state: 'unknown'; hostName: string };

export interface Invitations {
  /** Stores the invitation and emails its link; the same Idempotency-Key and request answer the first invitation, with no second email. */
  create(input: CreateInvitation, idempotencyKey?: string): Promise<Invitation>;
  list(filter: { tenantId?: string; status?: InvitationStatus }): Promise<Invitation[]>;
  /** Makes a new link (the old one stops working), as long-lived as the first, and emails it. */
  resend(id: string): Promise<Invitation>;
  revoke(id: string): Promise<Invitation>;
  /** What a link's token opens: unknown (never issued, altered or replaced), expired, revoked, or the invitation. */
  lookup(token: string): Promise<InvitationLookup>;
}

/** The user id of an invitation's sessions: its connections are recorded as made through it. */
export const invitationUserId = (id: string) => `invitation:${id}`;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOf(token) };
};

type Ctx = InvitationsDeps & { now: () => number };

const view = async (ctx: Ctx, row: InvitationRow) => (await invitationView(ctx.store.db, ctx.catalog, [row], ctx.now()))[0]!;

async function find(ctx: Ctx, id: string): Promise<InvitationRow> {
  const row = /^[\w-]{1,36}$/.test(id)
    ? await ctx.store.db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new ProblemError('not_found', `There is no invitation "${id}".`);
  return row;
}

/** Emails the link and records the outcome; SMTP down or not configured leaves it not_sent (resend works), never lost. */
async function send(ctx: Ctx, row: InvitationRow, token: string): Promise<InvitationRow> {
  const { settings, logger, mailer } = ctx;
  const pageUrl = typeof settings.pageUrl === 'function' ? settings.pageUrl() : settings.pageUrl;
  let status: InvitationRow['status'] = 'sent';
  if (!mailer) {
    status = 'not_sent';
    logger.warn(
      { invitation: row.id, tenant: row.tenant_id },
      'Invitation stored but not emailed: no SMTP server is configured (set SMTP_URL and MAIL_FROM, then resend it)',
    );
  } else {
    const message = invitationEmail({
      to: row.email,
      hostName: settings.hostName,
      ...(row.name ? { name: row.name } : {}),
      ...(row.message ? { message: row.message } : {}),
      apps: (JSON.parse(row.elements) as string[]).map((k) => ctx.catalog.lookup(k)?.def.name ?? k),
      url: `${pageUrl}?invitation=${token}`,
      expiresAt: row.expires_at,
    });
    try {
      await mailer.send(message);
    } catch (e) {
      status = 'not_sent';
      logger.warn({ invitation: row.id, err: (e as Error).message }, 'Invitation email could not be sent; it is kept as not_sent');
    }
  }
  const at = new Date(ctx.now()).toISOString();
  const changes = { status, send_attempts: row.send_attempts + 1, updated_at: at, ...(status === 'sent' ? { sent_at: at } : {}) };
  // A revoke that came in meanwhile wins.
  await ctx.store.db.updateTable('invitations').set(changes).where('id', '=', row.id).where('status', '!=', 'revoked').execute();
  return { ...row, ...changes };
}

function checkElements(ctx: Ctx, tenantId: string, keys: string[]): void {
  const offered = new Set(ctx.catalog.list({ tenantId, userId: 'admin' }).map((e) => e.key));
  const errors: FieldError[] = [];
  keys.forEach((k, i) => {
    if (!offered.has(k)) errors.push({ field: `elements.${i}`, message: `There is no app "${k}" in the catalog.` });
  });
  if (errors.length) throw new ProblemError('validation_failed', `Unknown element: ${errors.map((e) => e.message).join(' ')}`, errors);
}

async function insert(ctx: Ctx, input: CreateInvitation, idempotencyKey?: string): Promise<Invitation> {
  const { token, hash } = newToken();
  const created = new Date(ctx.now());
  const hours = input.expiresInHours ?? INVITATION_DEFAULT_HOURS;
  const row: InvitationRow = {
    id: randomUUID(),
    tenant_id: input.tenantId,
    email: input.email,
    name: input.name ?? null,
    elements: JSON.stringify([...new Set(input.elements)]),
    message: input.message ?? null,
    token_hash: hash,
    status: 'pending',
    ttl_hours: hours,
    send_attempts: 0,
    sent_at: null,
    revoked_at: null,
    expires_at: new Date(created.getTime() + hours * 3_600_000).toISOString(),
    created_at: created.toISOString(),
    updated_at: created.toISOString(),
  };
  await ctx.store.lockedTransaction(`invitations:${input.tenantId}`, async (trx) => {
    await trx.insertInto('invitations').values(row).execute();
    if (idempotencyKey) await ctx.idempotency.complete(trx, input.tenantId, idempotencyKey, row.id, 'invitation');
  });
  return view(ctx, await send(ctx, row, token));
}

async function resend(ctx: Ctx, id: string): Promise<Invitation> {
  const row = await find(ctx, id);
  const refused = () => new ProblemError('conflict', 'This invitation was revoked; send a new one instead.');
  if (row.status === 'revoked') throw refused();
  const { token, hash } = newToken();
  const at = new Date(ctx.now());
  const renewed = { token_hash: hash, expires_at: new Date(at.getTime() + row.ttl_hours * 3_600_000).toISOString() };
  const done = await ctx.store.db
    .updateTable('invitations')
    .set({ ...renewed, updated_at: at.toISOString() })
    .where('id', '=', id)
    .where('status', '!=', 'revoked')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw refused();
  return view(ctx, await send(ctx, { ...row, ...renewed }, token));
}

async function revoke(ctx: Ctx, id: string): Promise<Invitation> {
  const row = await find(ctx, id);
  if (row.status === 'revoked') return view(ctx, row);
  const at = new Date(ctx.now()).toISOString();
  const changes = { status: 'revoked' as const, revoked_at: at, updated_at: at };
  await ctx.store.db.updateTable('invitations').set(changes).where('id', '=', id).execute();
  return view(ctx, { ...row, ...changes });
}

async function lookup(ctx: Ctx, token: string): Promise<InvitationLookup> {
  const hostName = ctx.settings.hostName;
  const row = TOKEN.test(token)
    ? await ctx.store.db.selectFrom('invitations').selectAll().where('token_hash', '=', hashOf(token)).executeTakeFirst()
    : undefined;
  if (!row) return { state: 'unknown', hostName };
  if (row.status === 'revoked') return { state: 'revoked', hostName };
  if (Date.parse(row.expires_at) <= ctx.now()) return { state: 'expired', hostName };
  return {
    state: 'valid',
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    ...(row.name ? { name: row.name } : {}),
    ...(row.message ? { message: row.message } : {}),
    elements: (JSON.parse(row.elements) as string[]).map((key) => ({ key, name: ctx.catalog.lookup(key)?.def.name ?? key })),
    expiresAt: row.expires_at,
    hostName,
  };
}

export function createInvitations(deps: InvitationsDeps): Invitations {
  const ctx: Ctx = { ...deps, now: deps.now ?? Date.now };
  return {
    async create(input, idempotencyKey) {
      checkElements(ctx, input.tenantId, input.elements);
      if (idempotencyKey === undefined) return insert(ctx, input);
      // Marked, so the same key on a POST /instances of the tenant never reads as this request.
      const request = { kind: 'invitation', ...input };
      return ctx.idempotency.once(
        input.tenantId,
        idempotencyKey,
        request,
        () => insert(ctx, input, idempotencyKey),
        async (id) => view(ctx, await find(ctx, id)),
      );
    },
    async list({ tenantId, status }) {
      let q = ctx.store.db.selectFrom('invitations').selectAll();
      if (tenantId !== undefined) q = q.where('tenant_id', '=', tenantId);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
      const all = await invitationView(ctx.store.db, ctx.catalog, rows, ctx.now());
      return status ? all.filter((i) => i.status === status) : all;
    },
    resend: (id) => resend(ctx, id),
    revoke: (id) => revoke(ctx, id),
    lookup: (token) => lookup(ctx, token),
  };
}
