import { expect } from '@open-wc/testing';
import { ApiClient, ApiError } from '../../src/widget/api/client.js';
import { mockProxy, http, HttpResponse, problem, PROXY } from './msw.js';

/** The ApiError a call rejects with; fails the test when it resolves or rejects with anything else. */
async function apiError(call: Promise<unknown>): Promise<ApiError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).to.be.instanceOf(ApiError);
  return err as ApiError;
}

const element = { key: 'sandbox-erp', name: 'Sandbox ERP', description: 'd', categories: ['ERP'], authenticationTypes: ['basic'] };

describe('ApiClient', () => {
  it('sends the session token and English as its language, and validates the answer', async () => {
    let auth = '';
    let language = '';
    await mockProxy(
      http.get(`${PROXY}/elements`, ({ request }) => {
        auth = request.headers.get('authorization') ?? '';
        language = request.headers.get('accept-language') ?? '';
        return HttpResponse.json([element]);
      }),
    );
    const api = new ApiClient({ proxyUrl: `${PROXY}/`, getSessionToken: () => 'tok-1' });
    const list = await api.listElements();
    expect(auth).to.equal('Bearer tok-1');
    // The widget's words are English, so the apps' words are asked for in English, whatever the browser's language.
    expect(language).to.equal('en');
    expect(list[0]!.name).to.equal('Sandbox ERP');
  });

  it('asks for a new token once after a 401, then says the session expired', async () => {
    const seen: string[] = [];
    await mockProxy(
      http.get(`${PROXY}/elements`, ({ request }) => {
        seen.push(request.headers.get('authorization') ?? '');
        return request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json([element])
          : problem('session_expired', 'expired');
      }),
    );
    let n = 0;
    const tokens = ['stale', 'fresh'];
    const api = new ApiClient({ proxyUrl: PROXY, getSessionToken: () => tokens[n++] ?? 'stale' });
    await api.listElements();
    expect(seen).to.deep.equal(['Bearer stale', 'Bearer fresh']);

    const always401 = new ApiClient({ proxyUrl: PROXY, getSessionToken: () => 'stale' });
    const err = await apiError(always401.listElements());
    expect(err.code).to.equal('session_expired');
    expect(err.message).to.match(/^session_expired: /);
  });

  it('turns problem+json into an ApiError with field errors', async () => {
    await mockProxy(
      http.post(`${PROXY}/instances`, () =>
        problem('credentials_rejected', 'Wrong password', [{ field: 'user.password', message: 'Wrong password' }]),
      ),
    );
    const api = new ApiClient({ proxyUrl: PROXY, getSessionToken: () => 't' });
    const err = await apiError(
      api.createInstance({ element: { key: 'sandbox-erp' }, authenticationType: 'basic', configuration: {} }),
    );
    expect(err.code).to.equal('credentials_rejected');
    expect(err.status).to.equal(422);
    expect(err.errors).to.deep.equal([{ field: 'user.password', message: 'Wrong password' }]);
  });

  it('reports malformed metadata as an invalid answer, not a crash', async () => {
    await mockProxy(http.get(`${PROXY}/elements`, () => HttpResponse.json([{ key: 'x' }])));
    const api = new ApiClient({ proxyUrl: PROXY, getSessionToken: () => 't' });
    const err = await apiError(api.listElements());
    expect(err.code).to.equal('invalid_response');
  });

  it('reports an unreachable proxy as a network error', async () => {
    await mockProxy(http.get(`${PROXY}/elements`, () => HttpResponse.error()));
    const api = new ApiClient({ proxyUrl: PROXY, getSessionToken: () => 't' });
    const err = await apiError(api.listElements());
    expect(err.code).to.equal('network_error');
  });

  it('retries only a refused session, and names a code it does not know, or no code, unknown', async () => {
    let calls = 0;
    await mockProxy(
      http.get(`${PROXY}/elements`, () => {
        calls++;
        return problem('forbidden');
      }),
      http.get(`${PROXY}/instances`, () => problem('brand_new_code', 'From a newer proxy')),
      http.get(`${PROXY}/elements/:key`, () => HttpResponse.text('<h1>Bad gateway</h1>', { status: 502 })),
    );
    const api = new ApiClient({ proxyUrl: PROXY, getSessionToken: () => 't' });
    const forbidden = await apiError(api.listElements());
    expect(forbidden.code).to.equal('forbidden');
    expect(calls).to.equal(1);
    const newer = await apiError(api.listInstances());
    expect(newer.code).to.equal('unknown');
    expect(newer.message).to.equal('unknown: From a newer proxy');
    expect(newer.problem?.detail).to.equal('From a newer proxy');
    expect((await apiError(api.getElement('x'))).code).to.equal('unknown');
  });
});
