import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { PROBLEM_CONTENT_TYPE } from '../../../contract/index.js';
import type { Logger } from '../../log.js';
import { ProblemError } from '../../problem.js';
import { databaseUnavailableProblem } from '../../store/store.js';
import { send, type ProxyEnv } from '../http.js';

/**
 * Every error leaves through here as application/problem+json: a ProblemError as it is (its
 * cause logged, never answered), an unavailable database as database_unavailable, anything unexpected as a bare internal_error with the error logged.
 */
export function problemHandler(logger: Logger): ErrorHandler<ProxyEnv> {
  return (error, c) => {
    // A database that is down or restarting: 503 with Retry-After, and the next request tries it again.
    const err = databaseUnavailableProblem(error) ?? error;
    if (err instanceof ProblemError) {
      // The cause (a vendor's socket error, a driver's message) is for the operator, never the answer.
      if (err.cause !== undefined) logger.warn({ err: err.cause, code: err.code, requestId: c.get('requestId') }, err.code);
      return problemResponse(c, err);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(c, new ProblemError('validation_failed', err.message || undefined));
    }
    logger.error({ err, requestId: c.get('requestId'), method: c.req.method, path: c.req.path }, 'unhandled error');
    return problemResponse(
      c,
      new ProblemError('internal_error', "Something went wrong on our side. Try again; if it keeps failing, tell the site's support."),
    );
  };
}

/** No route for this method and path: a not_found problem naming both. */
export const notFoundProblem: NotFoundHandler = (c) =>
  problemResponse(c, new ProblemError('not_found', `There is no ${c.req.method} ${c.req.path} here.`));

function problemResponse(c: Context, p: ProblemError): Response {
  const extra: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  if (p.status === 401) extra['www-authenticate'] = 'Bearer realm="ce-proxy"';
  if (p.headers) Object.assign(extra, p.headers);
  return send(c, JSON.stringify(p.toJSON()), p.status, extra);
}
