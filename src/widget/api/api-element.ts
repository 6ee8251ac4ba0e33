import { LitElement, type PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import { apiContext } from '../contexts.js';
import { Localized, type Templates } from '../localize.js';
import { ApiClient } from './client.js';

/**
 * Internal reactive state, as `@state()` declares it. Built at runtime on purpose: the docs
 * analyzer would otherwise list these as public attributes.
 */
export const states = (...names: string[]): PropertyDeclarations => Object.fromEntries(names.map((name) => [name, { state: true }]));

/**
 * Base of every ce-* element that talks to the proxy. Inside <ce-marketplace> it uses the client
 * the marketplace provides; used alone, it builds one from its own `proxy-url` and token.
 */
export class ApiElement extends LitElement {
  // Declared here rather than with decorators: the same reactive properties, less code in the bundle.
  static override properties: PropertyDeclarations = {
    proxyUrl: { attribute: 'proxy-url' },
    sessionToken: { attribute: 'session-token' },
    getSessionToken: { attribute: false },
    messages: { attribute: false },
  };

  /** Base URL of the host's proxy, e.g. `https://app.example.com/ce`. */
  proxyUrl = '';

  /** The end user's session token, minted by the host's backend. */
  sessionToken = '';

  /** Called for a fresh token when the proxy says the session expired (401); wins over `session-token`. */
  getSessionToken?: () => string | Promise<string>;

  /** The host's own words for any message, by id, in every language (e.g. `{ 'card.manage': 'Settings' }`). */
  messages?: Templates;

  /**
   * The language this element speaks (its `lang`, an ancestor's, `<html lang>`, else the browser's) and its words in it.
   * @internal
   */
  readonly l10n = new Localized(this);

  /** The client an ancestor provides (see `apiContext`); the consumer below sets it (and asks for an update itself). */
  protected contextApi?: ApiClient;

  constructor() {
    super();
    // The controller @consume would add, without the decorator's code in the bundle.
    new ContextConsumer(this, { context: apiContext, subscribe: true, callback: (api) => (this.contextApi = api) });
  }

  /** Settles once the element's words are here and it has rendered with them (they are fetched: see localize.ts). */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.l10n.ready;
    return super.getUpdateComplete();
  }

  /** The attributes `#own` was built from. */
  #ownKey?: string;
  #own?: ApiClient;

  /** The client to use: the provided one, else one built from this element's own attributes. */
  protected get api(): ApiClient | undefined {
    return this.contextApi ?? this.ownApi();
  }

  /** A client from this element's own attributes, rebuilt when they change. */
  protected ownApi(): ApiClient | undefined {
    if (!this.proxyUrl) return undefined;
    const key = `${this.proxyUrl}\n${this.sessionToken}\n${this.getSessionToken ? 'fn' : ''}`;
    if (this.#ownKey !== key) {
      this.#ownKey = key;
      this.#own = new ApiClient({
        proxyUrl: this.proxyUrl,
        getSessionToken: () => this.getSessionToken?.() ?? this.sessionToken,
        language: () => this.l10n.locale,
      });
    }
    return this.#own;
  }
}
