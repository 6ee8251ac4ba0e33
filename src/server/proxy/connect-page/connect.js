// The hosted connect page's script (served by the proxy beside the page, so the page's CSP needs no
// 'unsafe-inline'). It trades the link's invitation token for a session limited to the invited apps,
// hands that to <ce-marketplace>, and keeps "2 of 3 connected" current from the session's own
// GET /instances: the widget's bundle does not grow for this page.
const marketplace = document.querySelector('ce-marketplace');
const progress = document.querySelector('#progress');
const bar = /** @type {HTMLProgressElement | null} */ (document.querySelector('#progress-bar'));
const failed = document.querySelector('#link-failed');
const invitation = new URLSearchParams(window.location.search).get('invitation') ?? '';
const base = marketplace?.getAttribute('proxy-url') ?? '';
const invited = (marketplace?.getAttribute('elements') ?? '').split(/[\s,]+/).filter(Boolean);

/** @type {{ token: string, expiresAt: string } | undefined} */
let session;
/** @type {Promise<string> | undefined} */
let exchanging;

/** A session for the invited apps: the one at hand while it lasts, else a new one for the link's token. */
function sessionToken() {
  if (session && Date.parse(session.expiresAt) - 30_000 > Date.now()) return Promise.resolve(session.token);
  exchanging ??= (async () => {
    try {
      const res = await fetch(`${base}/invitations/${encodeURIComponent(invitation)}/session`, { method: 'POST' });
      if (!res.ok) {
        failed?.removeAttribute('hidden');
        throw new Error(`The invitation could not be opened (${res.status}).`);
      }
      session = await /** @type {Promise<{ token: string, expiresAt: string }>} */ (res.json());
      return session.token;
    } finally {
      exchanging = undefined;
    }
  })();
  return exchanging;
}

/** Counts the invited apps that have a connection, and says so. */
async function refresh() {
  const res = await fetch(`${base}/instances`, { headers: { authorization: `Bearer ${await sessionToken()}` } });
  if (!res.ok || !progress || !bar) return;
  const instances = await /** @type {Promise<{ element: { key: string } }[]>} */ (res.json());
  const keys = new Set(instances.map((i) => i.element.key));
  const done = invited.filter((k) => keys.has(k)).length;
  bar.value = done;
  // The page's words, in its language, from the server: "{done} of {total} connected" and the closing sentence.
  const words = (progress.getAttribute('data-words') ?? '{done} / {total}')
    .replace('{done}', String(done))
    .replace('{total}', String(invited.length));
  progress.textContent = done === invited.length ? `${words}. ${progress.getAttribute('data-done') ?? ''}` : words;
}

if (marketplace) {
  /** @type {HTMLElement & { getSessionToken?: () => Promise<string> }} */ (marketplace).getSessionToken = sessionToken;
  for (const type of ['ce-connected', 'ce-disconnected']) marketplace.addEventListener(type, () => void refresh().catch(() => {}));
  void refresh().catch(() => {});
}

export {};
