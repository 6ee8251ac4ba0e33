import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ProblemError } from '../../problem.js';

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a body over `maxBytes` with 413: a Content-Length over the limit unread, a chunked
 * body as it streams past the limit.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ProblemError('payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
    },
  });
  // Only where a body is read: touching the body of a GET makes the Node adapter build a full Request.
  return (c, next) => (BODYLESS.has(c.req.method) ? next() : limit(c, next));
}
