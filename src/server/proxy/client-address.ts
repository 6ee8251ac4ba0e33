import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for the failed-auth limits: the socket's peer (from
 * @hono/node-server's `env.incoming`), or with `trustProxy` the left-most X-Forwarded-For entry,
 * which only a reverse proxy that sets the header makes trustworthy. Mounted elsewhere (no socket): 'unknown'.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket.remoteAddress ?? 'unknown';
}
