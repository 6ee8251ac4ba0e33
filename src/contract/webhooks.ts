import * as z from 'zod/mini';

/** What the proxy tells the host's backend about its tenants' connections, as Standard Webhooks. */
export const WEBHOOK_EVENT_TYPES = ['instance.created', 'instance.updated', 'instance.deleted', 'instance.needs_attention'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;

/** One event's delivery to the host, as `GET /admin/webhook-deliveries` lists it. */
export const WebhookDelivery = z.object({
  /** The event id, sent as `webhook-id`: the same on every attempt, so the host can drop repeats. */
  id: z.string(),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  tenantId: z.string(),
  state: z.enum(WEBHOOK_DELIVERY_STATES),
  attempts: z.int(),
  /** The HTTP status of the last attempt, when the host answered. */
  lastStatus: z.optional(z.int()),
  /** Why the last attempt failed (a timeout, a refused connection, a status). */
  lastError: z.optional(z.string()),
  nextAttemptAt: z.optional(z.string()),
  deliveredAt: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
