import { Hono } from 'hono';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Platform } from '../platform/types.js';
import type { ProxyEnv } from './http.js';
import { limitBody } from './middleware/body-limit.js';
import { notFoundProblem, problemHandler } from './middleware/problems.js';
import { requestLog } from './middleware/request-log.js';
import { securityHeaders } from './middleware/security-headers.js';
import { openApiDocument } from './openapi.js';
import { sessionAuth } from './middleware/session-auth.js';
import { adminRoutes } from './routes/admin.js';
import { catalogRoutes } from './routes/catalog.js';
import { discoveryRoutes } from './routes/discovery.js';
import { connectRoutes } from './routes/connect.js';
import { instanceRoutes } from './routes/instances.js';
import { oauthRoutes } from './routes/oauth.js';
import { publicRoutes } from './routes/public.js';

/**
 * The proxy: browser-facing routes (session token), admin routes (admin API key) and public ones
 * over the platform, assembled from middleware (./middleware) and route groups (./routes).
 */
export function createApp(deps: { platform: Platform; config: Config; logger: Logger }): Hono {
  const { platform, config, logger } = deps;
  const base = config.basePath ?? '';
  const app = new Hono<ProxyEnv>();
  // One verifier for every guarded group: it caches verified tokens and the host's key set.
  const session = sessionAuth(config, platform.limits);

  // On every path, outside the base path too: even a stray request gets its id, headers and log line.
  app.use('*', requestLog(logger));
  app.use('*', securityHeaders({ allowedOrigins: config.allowedOrigins, serverOnlyPrefix: `${base}/admin/` }));
  app.use('*', limitBody(config.bodyLimitBytes));

  app.route(base || '/', publicRoutes(platform, openApiDocument({ serverUrl: config.publicUrl }), config.widgetDir));
  app.route(`${base}/elements`, catalogRoutes(platform, session));
  // Before /instances: its session guard would run a second time on /instances/{id}/objects.
  app.route(base || '/', discoveryRoutes(platform, session));
  app.route(`${base}/instances`, instanceRoutes(platform, session));
  app.route(base || '/', oauthRoutes(platform, session, config.allowedOrigins));
  app.route(`${base}/admin`, adminRoutes(platform, config));
  app.route(base || '/', connectRoutes(platform, config));

  app.notFound(notFoundProblem);
  app.onError(problemHandler(logger));
  return app as unknown as Hono;
}
