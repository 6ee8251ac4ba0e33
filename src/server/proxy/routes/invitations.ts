import { Hono } from 'hono';
import { CreateInvitation, identifier, IDENTIFIER_MAX, INVITATION_STATUSES, type InvitationStatus } from '../../../contract/index.js';
import type { Platform } from '../../platform/types.js';
import { ProblemError } from '../../problem.js';
import { checkValue, parse, readIdempotencyKey, readJson, sendJson, type ProxyContext, type ProxyEnv } from '../http.js';

const TenantId = identifier(IDENTIFIER_MAX.tenantId);
const InvitationId = identifier(36);
const idOf = (c: ProxyContext) => checkValue('id', c.req.param('id'), InvitationId);

/** The host admin's invitations, mounted at /admin/invitations inside the admin routes (so behind the admin key). */
export function invitationRoutes(platform: Platform): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();
  routes.post('/', async (c) => {
    const input = parse(CreateInvitation, await readJson(c));
    c.set('tenant', input.tenantId);
    return sendJson(c, await platform.invitations.create(input, readIdempotencyKey(c)), 201);
  });
  routes.get('/', async (c) => {
    const rawTenant = c.req.query('tenantId');
    const tenantId = rawTenant === undefined ? undefined : checkValue('tenantId', rawTenant, TenantId);
    const status = c.req.query('status');
    if (status !== undefined && !(INVITATION_STATUSES as readonly string[]).includes(status)) {
      const message = `One of ${INVITATION_STATUSES.join(', ')}.`;
      throw new ProblemError('validation_failed', `The request is invalid: status: ${message}`, [{ field: 'status', message }]);
    }
    if (tenantId) c.set('tenant', tenantId);
    return sendJson(
      c,
      await platform.invitations.list({
        ...(tenantId ? { tenantId } : {}),
        ...(status ? { status: status as InvitationStatus } : {}),
      }),
    );
  });
  routes.post('/:id/resend', async (c) => sendJson(c, await platform.invitations.resend(idOf(c))));
  routes.delete('/:id', async (c) => sendJson(c, await platform.invitations.revoke(idOf(c))));
  return routes;
}
