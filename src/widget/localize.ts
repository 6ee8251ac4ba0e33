import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LOCALES } from '../contract/locales.js';
import { fill, type MessageId } from './messages.js';

// The widget's language runtime. Not @lit/localize: it costs 1,651 B gzip and keeps one locale for
// the whole page (`configureLocalization` is global), while each of our elements follows its own
// `lang`. We keep its shape: stable message ids, a `msg`-like lookup (`t`), and messages keyed by
// id (`templates`). Every language's words, English included, are data: one JSON file a locale
// (locales/<tag>.json), fetched the first time an element needs it. The code holds ids only, and a
// page loads the words of its own language alone.

/** Messages by id for one locale: a shipped locale's JSON file, a host's pack, or an element's `messages` property. */
export type Templates = Partial<Record<MessageId, string>>;

/** Values for a message's `{placeholders}`; numbers are written the locale's way. */
export type Vars = Record<string, string | number>;

/** The shipped locales, by BCP 47 tag (one list with the proxy's hosted pages). */
const SHIPPED: readonly string[] = LOCALES;

/**
 * A shipped locale's messages: data, not code, so a JSON file beside this module (`locales/<tag>.json`
 * beside the built entry, which the build copies there), fetched the first time an element needs it.
 * The URL is built, not a literal, so the bundler leaves the file where it is rather than inlining it.
 */
const fetchLocale = async (tag: string): Promise<void> => {
  const res = await fetch(new URL('locales/' + tag + '.json', import.meta.url));
  if (!res.ok) throw new Error(`The ${tag} messages could not be loaded (${res.status})`);
  loaded[tag] = (await res.json()) as Templates;
};
const loaded: Record<string, Templates> = {};
/**
 * Each locale is fetched once, however many elements ask for it at the same time; one that fails
 * is asked again by the next element that needs it. (Its error goes to the console.)
 */
const fetching = new Map<string, Promise<void>>();
const load = (tag: string): Promise<void> => {
  let words = fetching.get(tag);
  if (!words) {
    words = fetchLocale(tag).catch((error: unknown) => {
      fetching.delete(tag);
      console.error(error);
    });
    fetching.set(tag, words);
  }
  return words;
};
const packs: Record<string, Templates> = {};
/** The connected controllers' re-resolvers: a pack registered late applies to elements already on the page. */
const live = new Set<() => void>();

/**
 * Replaces messages of a locale by id, for every element on the page; a locale the widget does not
 * ship becomes available this way. Throws a RangeError for a tag that is not BCP 47.
 */
export const registerMessages = (locale: string, pack: Templates): void => {
  Object.assign((packs[Intl.getCanonicalLocales(locale)[0]!] ??= {}), pack);
  live.forEach((resolve) => resolve());
};

/** A tag's language and script, then region, with likely subtags added (`pt` → `pt-Latn`, `BR`); none for an invalid tag. */
const likely = (tag: string): (string | undefined)[] => {
  try {
    const l = new Intl.Locale(tag).maximize();
    return [`${l.language}-${l.script}`, l.region];
  } catch {
    return [];
  }
};

/**
 * The first wanted language that an available locale serves (same language and script, the same
 * region preferred): `de-AT` → `de`, `pt` → `pt-BR`, `zh-TW` never → `zh-CN`. English when none does.
 */
export const bestLocale = (wanted: readonly string[], available: readonly string[]): string => {
  for (const tag of wanted) {
    const [language, region] = likely(tag);
    const same = available.filter((a) => language && likely(a)[0] === language);
    const found = same.find((a) => likely(a)[1] === region) ?? same[0];
    if (found) return found;
  }
  return 'en';
};

/** Scripts written right to left; a script rather than a language list also catches `ku-Arab`, `yi`, `dv`. */
const RTL = /-(Arab|Hebr|Thaa|Syrc|Nkoo)$/;

/**
 * An element's language: its own `lang`, else its nearest ancestor's (across shadow roots), else
 * `<html lang>`, else the browser's languages, matched against the shipped locales and the hosts'
 * packs. Loads the locale's messages, then re-renders; follows `lang` changes at run time; sets
 * `dir` on the host from the language, unless the page set a `dir` on it or on an ancestor (the
 * nearest explicit `dir` wins, as the nearest `lang` does).
 */
export class Localized implements ReactiveController {
  /** The chosen locale, a BCP 47 tag (`en` until another one is ready); the API client sends it as `Accept-Language`. */
  locale = 'en';
  /** Settles once the words of the chosen locale are here and applied (ApiElement's `updateComplete` waits for it). */
  ready: Promise<void> = Promise.resolve();
  /** The element's words are here (until then a component renders nothing; a new language's arrive over the old ones). */
  hasWords = false;
  #chain: Element[] = [];
  /** The locale the last change asked for: a locale arriving after a newer change is not applied. */
  #wanted?: string;
  #dir = '';
  readonly #resolve = () => this.#update();
  readonly #observer = new MutationObserver(this.#resolve);

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { messages?: Templates }) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#chain = [];
    // Every element from the host up to <html>: a `lang` set on any of them may change ours.
    for (let n: Node | undefined = this.host; n; n = n.parentNode ?? (n as Partial<ShadowRoot>).host) {
      if (n instanceof Element) {
        this.#observer.observe(n, { attributeFilter: ['lang', 'dir'] });
        this.#chain.push(n);
      }
    }
    live.add(this.#resolve);
    this.#update();
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
    live.delete(this.#resolve);
  }

  #update(): void {
    const lang = this.#chain.map((e) => e.getAttribute('lang')).find(Boolean);
    const available = [...SHIPPED, ...Object.keys(packs)];
    const locale = (this.#wanted = bestLocale(lang ? [lang] : navigator.languages, available));
    const apply = () => {
      if (locale !== this.#wanted) return;
      this.locale = locale;
      this.hasWords = true;
      const { host } = this;
      if (!host.hasAttribute('dir') || host.dir === this.#dir) {
        // A page's own dir on an ancestor (say an RTL layout around English words) is kept.
        const inherited = this.#chain.slice(1).some((e) => e.hasAttribute('dir'));
        this.#dir = inherited ? '' : RTL.test(likely(locale)[0]!) ? 'rtl' : 'ltr';
        // Only a change: writing the same value again would be a mutation this controller observes.
        if (!this.#dir) host.removeAttribute('dir');
        else if (host.dir !== this.#dir) host.dir = this.#dir;
      }
      host.requestUpdate();
    };
    // A host's own language stands on English (its pack may leave ids out), as does a locale whose file fails to load.
    const words = SHIPPED.includes(locale) ? locale : 'en';
    if (loaded[words]) {
      this.ready = Promise.resolve();
      apply();
    } else
      this.ready = load(words)
        .then(() => (loaded[words] ? undefined : load('en')))
        .then(apply);
  }

  #text(id: MessageId): string {
    // Nothing while the words are on their way (then the element renders again).
    return this.host.messages?.[id] ?? packs[this.locale]?.[id] ?? loaded[this.locale]?.[id] ?? loaded.en?.[id] ?? '';
  }

  /** A message in the element's language with its `{placeholders}` filled: the host's words first, then the locale's, then English. */
  t(id: MessageId, vars?: Vars): string {
    return fill(this.#text(id), vars, this.locale);
  }

  /**
   * A count in words. The message holds one form per plural category of Intl.PluralRules, or per
   * exact number, as `category:text|…` (`0:No apps|one:{count} app|other:{count} apps`); `other` is required.
   */
  plural(id: MessageId, count: number, vars?: Vars): string {
    const text = this.#text(id);
    const forms = Object.fromEntries(text.split('|').map((form) => form.split(/:(.*)/))) as Record<string, string>;
    const form = forms[count] ?? forms[new Intl.PluralRules(this.locale).select(count)] ?? forms.other ?? text;
    return fill(form, { ...vars, count }, this.locale);
  }

  /** A date or a time, as `options` asks ("5 Mar 2024, 14:30" for `{ dateStyle: 'medium', timeStyle: 'short' }`). */
  date(when: Date | string | number, options: Intl.DateTimeFormatOptions): string {
    return new Date(when).toLocaleString(this.locale, options);
  }

  /** Items as one phrase: "A, B and C" (`conjunction`), "A, B or C" (`disjunction`). */
  list(items: Iterable<string>, type: Intl.ListFormatType = 'conjunction'): string {
    return new Intl.ListFormat(this.locale, { type }).format(items);
  }
}
