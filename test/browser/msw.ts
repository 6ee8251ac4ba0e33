// Shared msw set-up for component tests: the proxy is mocked here and only here.
import { setupWorker } from 'msw/browser';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { problemType, type FieldError, type ProblemCode } from '../../src/contract/index.js';
import { PROBLEM_STATUS, ProblemError } from '../../src/server/problem.js';

export const PROXY = 'https://proxy.test/ce';
export const worker = setupWorker();
let started: Promise<unknown> | undefined;

/** Starts the worker once per test file and replaces the handlers; unknown requests fail loudly. */
export async function mockProxy(...handlers: RequestHandler[]) {
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'error' });
  await started;
  // The marketplace also asks for the host's common resources: none, unless a test says otherwise.
  worker.resetHandlers(
    ...handlers,
    http.get(`${PROXY}/common-resources`, () => HttpResponse.json([])),
  );
}

/** A problem+json answer as the proxy writes it (src/server/problem.ts); a code it does not know (a newer proxy's) answers 400. */
export function problem(code: string, detail?: string, errors?: FieldError[]) {
  const body =
    code in PROBLEM_STATUS
      ? new ProblemError(code as ProblemCode, detail, errors).toJSON()
      : { type: problemType(code), code, title: 'A newer problem', status: 400, detail, errors };
  return HttpResponse.json(body, { status: body.status, headers: { 'content-type': 'application/problem+json' } });
}

export { http, HttpResponse };
