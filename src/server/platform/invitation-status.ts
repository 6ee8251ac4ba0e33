import type { Kysely } from 'kysely';
import type { Invitation, InvitationStatus } from '../../contract/index.js';
import type { Database, InvitationRow } from '../store/store.js';
import type { PlatformCatalog } from './catalog.js';

type Connection = { id: string; name: string; status: string; tenant_id: string; element_key: string };

/**
 * Invitations as the admin API answers them. An invited app counts as connected when the tenant has a
 * connection of it, made through the invitation's page or not: the customer has what was asked for
 * (and the page's own progress, from the session's GET /instances, counts the same way).
 */
export async function invitationView(
  db: Kysely<Database>,
  catalog: Pick<PlatformCatalog, 'lookup'>,
  rows: InvitationRow[],
  now: number,
): Promise<Invitation[]> {
  const tenants = [...new Set(rows.map((r) => r.tenant_id))];
  const connections = tenants.length
    ? await db
        .selectFrom('instances')
        .select(['id', 'name', 'status', 'tenant_id', 'element_key'])
        .where('tenant_id', 'in', tenants)
        // Newest first: the first match of an element is its latest connection.
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute()
    : [];
  const byTenant = new Map<string, Connection[]>();
  for (const c of connections) byTenant.set(c.tenant_id, [...(byTenant.get(c.tenant_id) ?? []), c]);
  return rows.map((row) => {
    const own = byTenant.get(row.tenant_id) ?? [];
    const elements = (JSON.parse(row.elements) as string[]).map((key) => {
      const mine = own.filter((c) => c.element_key === key);
      const instance = mine.find((c) => c.status === 'connected') ?? mine[0];
      const name = catalog.lookup(key)?.def.name;
      return {
        key,
        ...(name ? { name } : {}),
        status: instance ? ('connected' as const) : ('pending' as const),
        ...(instance ? { instance: { id: instance.id, name: instance.name, status: instance.status } } : {}),
      };
    });
    const status: InvitationStatus = row.status !== 'revoked' && Date.parse(row.expires_at) <= now ? 'expired' : row.status;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      email: row.email,
      ...(row.name ? { name: row.name } : {}),
      ...(row.message ? { message: row.message } : {}),
      status,
      elements,
      connected: elements.filter((e) => e.status === 'connected').length,
      sendAttempts: row.send_attempts,
      ...(row.sent_at ? { sentAt: row.sent_at } : {}),
      ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
      expiresAt: row.expires_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}
