// Acme Books' webhook endpoint: the proxy's connection events, verified with the Standard Webhooks
// secret and kept in memory (the last 50) for the admin page's Events panel.
import type { Context } from 'hono';
import { Webhook } from 'standardwebhooks';

export const EVENTS_KEPT = 50;

export interface ReceivedEvent {
  /** The `webhook-id`: the same on every attempt of one event. */
  id: string;
  type: string;
  /** When the proxy says it happened. */
  timestamp: string;
  tenantId: string;
  instance: { id: string; name: string; element?: { key: string; name?: string } };
}

export interface EventInbox {
  /** `POST /webhooks/ce`: 204 once verified and kept, 401 for a bad or old signature. */
  receive(c: Context): Promise<Response>;
  /** Newest first. */
  list(): ReceivedEvent[];
}

export function createEventInbox(secret: string): EventInbox {
  const wh = new Webhook(secret);
  const events: ReceivedEvent[] = [];
  return {
    async receive(c) {
      const payload = await c.req.text();
      let event: { type: string; timestamp: string; data: { tenantId: string; instance: ReceivedEvent['instance'] } };
      try {
        event = wh.verify(payload, Object.fromEntries(c.req.raw.headers)) as typeof event;
      } catch {
        return c.text('Bad signature.', 401);
      }
      const id = c.req.header('webhook-id')!;
      // Delivery is at least once: a repeat is acknowledged and dropped.
      if (!events.some((e) => e.id === id)) {
        const { instance } = event.data;
        events.unshift({
          id,
          type: event.type,
          timestamp: event.timestamp,
          tenantId: event.data.tenantId,
          instance: { id: instance.id, name: instance.name, element: instance.element },
        });
        events.length = Math.min(events.length, EVENTS_KEPT);
      }
      return c.body(null, 204);
    },
    list: () => [...events],
  };
}
