import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface Listening {
  /** e.g. http://127.0.0.1:4400 (or http://localhost:4400 with `urlHost`). */
  url: string;
  port: number;
  /** Attach the handler once it can be built (its config may need this server's own URL). */
  serve(fetch: FetchHandler): void;
  close(): Promise<void>;
}

/**
 * Binds a port first and takes the handler later, so two servers that must know each other's
 * origin (host page ↔ proxy allowlist) can both start on ephemeral ports.
 */
export async function listen(opts: { port?: number; hostname?: string; urlHost?: string } = {}): Promise<Listening> {
  const hostname = opts.hostname ?? '127.0.0.1';
  let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    // The listener answers its own errors (a 500), so its promise never rejects.
    if (handler) return void handler(req, res);
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('Starting, try again in a moment.\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`Port ${opts.port} on ${hostname} is already in use; stop what runs there or choose another port.`)
          : err,
      ),
    );
    server.listen(opts.port ?? 0, hostname, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.urlHost ?? hostname}:${port}`,
    port,
    serve(fetch) {
      handler = getRequestListener(fetch);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
