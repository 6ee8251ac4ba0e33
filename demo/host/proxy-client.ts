// Acme Books' backend → the proxy's admin API, server-to-server with the admin key.

export type ProxyAnswer = { ok: true; status: number; body: unknown } | { ok: false; status?: number; message: string };

export interface ProxyClient {
  /** A JSON call; a refusal becomes a sentence for the page (the proxy's problem detail, or the app's own error). */
  call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<ProxyAnswer>;
}

export function createProxyClient(proxyUrl: string, adminApiKey: string): ProxyClient {
  return {
    async call(method, path, body, headers = {}) {
      try {
        const res = await fetch(`${proxyUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${adminApiKey}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        const json: unknown = await res.json().catch(() => undefined);
        if (res.ok) return { ok: true, status: res.status, body: json };
        return { ok: false, status: res.status, message: `The connection service answered ${res.status}: ${refusal(json)}` };
      } catch {
        return { ok: false, message: `The connection service at ${proxyUrl} could not be reached.` };
      }
    },
  };
}

/** problem+json's detail or title; through the passthrough, the app's own `{error}` (a string or `{message}`). */
function refusal(json: unknown): string {
  const j = (json ?? {}) as { detail?: unknown; title?: unknown; error?: unknown };
  const error = typeof j.error === 'object' && j.error ? (j.error as { message?: unknown }).message : j.error;
  const text = [j.detail, j.title, error].find((t) => typeof t === 'string' && t);
  return (text as string | undefined) ?? 'no detail';
}
