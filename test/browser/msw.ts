// Shared msw set-up for component tests: the proxy is mocked here and only here.
import { setupWorker } from 'msw/browser';
import { http, HttpResponse, type RequestHandler } from 'msw';

export const PROXY = 'https://proxy.test/ce';
export const worker = setupWorker();
let started: Promise<unknown> | undefined;

/** Starts the worker once per test file and replaces the handlers; unknown requests fail loudly. */
export async function mockProxy(...handlers: RequestHandler[]) {
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'error' });
  await started;
  worker.resetHandlers(...handlers);
}

export function problem(status: number, title: string, detail?: string, errors?: { field: string; message: string }[]) {
  return HttpResponse.json({ type: 'about:blank', title, status, detail, errors }, {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

export { http, HttpResponse };
