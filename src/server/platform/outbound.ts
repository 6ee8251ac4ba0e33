import dns from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';
import { ProblemError } from '../problem.js';

/** What an outbound call to an element's API may do. */
export interface OutboundPolicy {
  /** Element name, for messages. */
  element: string;
  /** Allowed host names: exact, or `*.example.com` for exactly one label before the suffix. */
  hosts: string[];
  /** Loopback and private addresses: only for sandbox elements in development mode. */
  allowPrivate: boolean;
  timeoutMs: number;
  /** Other origins (`https://files.example.com`) redirects may go to; credentials are never sent there. */
  redirectOrigins?: string[];
}

const MAX_REDIRECTS = 3;

const NAT64 = ipaddr.parse('64:ff9b::');

/** The IPv4 address an IPv6 form carries (mapped, translated, compatible, NAT64 /96, 6to4), to be checked as itself. */
function embeddedIPv4(a: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const p = a.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const range = a.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145' || a.match(NAT64, 96)) return v4(p[6]!, p[7]!);
  if (p.slice(0, 6).every((x) => x === 0)) return v4(p[6]!, p[7]!); // ::a.b.c.d, and :: and ::1 as 0.0.0.x
  if (range === '6to4') return v4(p[1]!, p[2]!);
  return undefined;
}

/** Anything but a global unicast address: private, loopback, link-local, reserved, multicast, documentation, … */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 0) return false;
  const parsed = ipaddr.parse(address);
  const checked = parsed.kind() === 'ipv6' ? (embeddedIPv4(parsed as ipaddr.IPv6) ?? parsed) : parsed;
  return checked.range() !== 'unicast';
}

export function hostMatches(hostname: string, patterns: string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return patterns.some((p) => {
    const pattern = p.toLowerCase();
    if (!pattern.startsWith('*.')) return host === pattern;
    const suffix = pattern.slice(1); // ".example.com"
    const label = host.slice(0, -suffix.length);
    return host.endsWith(suffix) && label.length > 0 && !label.includes('.');
  });
}

/**
 * Refuses a host outside the element's patterns, and (unless allowed) one that is or resolves to a
 * private address. The lookup here only fails early; guardedLookup checks the address connected to.
 */
async function checkHost(url: URL, policy: OutboundPolicy): Promise<void> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol !== 'https:' && !(policy.allowPrivate && url.protocol === 'http:')) {
    throw new ProblemError('address_refused', `${policy.element} must be reached over https, not ${url.protocol}`);
  }
  if (!hostMatches(hostname, policy.hosts) && !policy.redirectOrigins?.includes(url.origin)) {
    throw new ProblemError(
      'address_refused',
      `The address ${url.hostname} is not one of ${policy.element}'s hosts (${policy.hosts.join(', ')}).`,
    );
  }
  if (policy.allowPrivate) return;
  const addresses = isIP(hostname) ? [hostname] : await resolve(hostname, policy);
  if (addresses.some(isPrivateAddress)) throw privateNetwork(url, policy);
}

const privateNetwork = (url: URL, policy: OutboundPolicy) =>
  new ProblemError('address_refused', `The address ${url.hostname} points to a private network, which ${policy.element} may not use.`);

async function resolve(hostname: string, policy: OutboundPolicy): Promise<string[]> {
  try {
    return (await lookup(hostname, { all: true })).map((a) => a.address);
  } catch {
    throw notFound(hostname, policy);
  }
}

const notFound = (hostname: string, policy: OutboundPolicy) =>
  new ProblemError(
    'vendor_unreachable',
    `${policy.element} could not be reached: the host ${hostname} was not found. Check the address you entered.`,
  );

/** Raised inside the connection's lookup, which knows no element: outboundFetch words the problem. */
class RefusedAddress extends Error {
  constructor(
    readonly hostname: string,
    readonly reason: 'private' | 'not-found',
  ) {
    super(`${hostname}: ${reason}`);
  }
}

/**
 * The lookup the connection itself uses, so the address connected to is the address checked: a
 * DNS answer that turns private after checkHost (rebinding) is refused here, before any byte is sent.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    // dns.lookup read at call time, so a test can stand in for the system resolver.
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      const refuse = (reason: RefusedAddress['reason']) => callback(new RefusedAddress(hostname, reason), '', 0);
      if (err || addresses.length === 0) return refuse('not-found');
      if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) return refuse('private');
      if (options.all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

// One per need, made once: connections are pooled per agent. Only the lookup is replaced, so TLS
// still sends and verifies the URL's host name (SNI, certificate), never the address.
const agents = {
  private: new Agent({ connect: { lookup: guardedLookup(true) } }),
  public: new Agent({ connect: { lookup: guardedLookup(false) } }),
};

/** Headers that carry no credential: the only ones a redirect to another origin keeps. */
export const PLAIN_HEADERS = ['accept', 'content-type'];

/**
 * fetch() for element APIs: host allowlist, private-address refusal, a timeout, and redirects
 * followed only to the same origin or to one of the policy's redirectOrigins. Credentials never
 * follow a redirect to another origin: only Accept and Content-Type do, and `credentialParams`
 * (query parameters holding credentials) are taken off its URL.
 */
export async function outboundFetch(
  input: URL,
  init: RequestInit,
  policy: OutboundPolicy,
  credentialParams: readonly string[] = [],
): Promise<Response> {
  let url = input;
  let request = init;
  const signal = AbortSignal.timeout(policy.timeoutMs);
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      await checkHost(url, policy);
      res = await send(url, request, policy, signal);
    } catch (e) {
      // The user's settings were fine; the vendor sent us off its hosts: a provider fault, not a bad request.
      if (hop > 0 && e instanceof ProblemError && e.code === 'address_refused') {
        throw new ProblemError(
          'vendor_error',
          `${policy.element} redirected to ${url.host}, which it may not use: ${e.detail} Contact support.`,
        );
      }
      throw e;
    }
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (!location) return res;
    if (hop >= MAX_REDIRECTS) throw new ProblemError('vendor_error', `${policy.element} redirected too many times. Contact support.`);
    // A redirect that changes the method semantics would resend a body: only follow safe ones.
    if (init.method && init.method !== 'GET' && init.method !== 'HEAD' && res.status !== 307 && res.status !== 308) {
      throw new ProblemError('vendor_error', `${policy.element} redirected a ${init.method} request. Contact support.`);
    }
    url = new URL(location, url);
    if (url.origin === input.origin) continue;
    if (!policy.redirectOrigins?.includes(url.origin)) {
      throw new ProblemError('vendor_error', `${policy.element} redirected to ${url.host}, which it may not use. Contact support.`);
    }
    const headers = new Headers(request.headers);
    request = { ...request, headers: Object.fromEntries([...headers].filter(([name]) => PLAIN_HEADERS.includes(name))) };
    for (const name of credentialParams) url.searchParams.delete(name);
  }
}

async function send(url: URL, init: RequestInit, policy: OutboundPolicy, signal: AbortSignal): Promise<Response> {
  // The global fetch (msw patches it in tests); undici's Agent as its dispatcher, which DOM's RequestInit does not declare.
  const options: RequestInit & { dispatcher: Agent } = {
    ...init,
    redirect: 'manual',
    signal,
    dispatcher: policy.allowPrivate ? agents.private : agents.public,
  };
  try {
    return await fetch(url, options);
  } catch (e) {
    if (signal.aborted) {
      throw new ProblemError(
        'vendor_timeout',
        `${policy.element} did not answer within ${seconds(policy.timeoutMs)}. Try again in a moment.`,
      );
    }
    const cause = (e as Error).cause;
    if (cause instanceof RefusedAddress) {
      throw cause.reason === 'private' ? privateNetwork(url, policy) : notFound(cause.hostname, policy);
    }
    if (e instanceof ProblemError) throw e;
    throw new ProblemError('vendor_unreachable', `${policy.element} could not be reached. Try again in a moment.`, undefined, {
      cause: e,
    });
  }
}

/** "10 seconds", "0.2 seconds": a timeout under a second must not read as "0 s". */
function seconds(ms: number): string {
  const s = Number((ms / 1000).toPrecision(2));
  return `${s} second${s === 1 ? '' : 's'}`;
}

/** An app's answer as text, refused with `tooLarge()` past `max` bytes (the body is never held whole beyond that). */
export async function readCapped(res: Response, max: number, tooLarge: () => Error): Promise<string> {
  if (Number(res.headers.get('content-length') ?? 0) > max) {
    res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let seen = 0;
  for await (const chunk of res.body ?? []) {
    seen += chunk.byteLength;
    if (seen > max) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
