import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import { apiContext } from '../contexts.js';
import { ApiClient } from './client.js';

/**
 * Base of every ce-* element that talks to the proxy. Inside <ce-marketplace> it uses the client
 * the marketplace provides; used alone, it builds one from its own `proxy-url` and token.
 */
export class ApiElement extends LitElement {
  /** Base URL of the host's proxy, e.g. `https://app.example.com/ce`. */
  @property({ attribute: 'proxy-url' }) proxyUrl = '';

  /** The end user's session token, minted by the host's backend. */
  @property({ attribute: 'session-token' }) sessionToken = '';

  /** Called for a fresh token when the proxy says the session expired (401); wins over `session-token`. */
  @property({ attribute: false }) getSessionToken?: () => string | Promise<string>;

  /** The client an ancestor provides (see `apiContext`), kept current by the consumer below. */
  @state() protected contextApi?: ApiClient;

  constructor() {
    super();
    // The controller @consume would add, without the decorator's code in the bundle.
    new ContextConsumer(this, { context: apiContext, subscribe: true, callback: (api) => (this.contextApi = api) });
  }

  #own?: { key: string; client: ApiClient };

  /** The client to use: the provided one, else one built from this element's own attributes. */
  protected get api(): ApiClient | undefined {
    if (this.contextApi) return this.contextApi;
    return this.ownApi();
  }

  /** A client from this element's own attributes, rebuilt when they change. */
  protected ownApi(): ApiClient | undefined {
    if (!this.proxyUrl) return undefined;
    const key = `${this.proxyUrl}\n${this.sessionToken}\n${this.getSessionToken ? 'fn' : ''}`;
    if (this.#own?.key !== key) {
      const client = new ApiClient({
        proxyUrl: this.proxyUrl,
        getSessionToken: () => this.getSessionToken?.() ?? this.sessionToken,
      });
      this.#own = { key, client };
    }
    return this.#own.client;
  }
}
