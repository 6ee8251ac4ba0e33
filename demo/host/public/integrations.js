// Acme Books' page script (external, so the page's CSP needs no 'unsafe-inline'). It runs before
// the widget's script, so the property is set on <ce-marketplace> before the element upgrades.
const marketplace = document.querySelector('ce-marketplace');
const status = document.querySelector('#integration-status');

/** A fresh widget session token from Acme's own backend, which asks the proxy's admin API. */
async function getSessionToken() {
  const res = await fetch('/api/ce-session', { method: 'POST', credentials: 'same-origin' });
  if (res.status === 401) {
    window.location.assign('/');
    throw new Error('Signed out');
  }
  if (!res.ok) throw new Error(`Acme Books could not start a connection session (${res.status}).`);
  const { token } = await /** @type {Promise<{ token: string }>} */ (res.json());
  return token;
}

if (marketplace) {
  marketplace.getSessionToken = getSessionToken;
  // The host reacts to the widget's events, here with a polite announcement beside it.
  marketplace.addEventListener('ce-connected', (e) => {
    if (status) status.textContent = `${e.detail.instance.name} is connected.`;
  });
  marketplace.addEventListener('ce-disconnected', (e) => {
    if (status) status.textContent = `${e.detail.instance.name} was disconnected.`;
  });
}

// A module (the page loads it with type="module"), so `status` above is not the global window.status.
export {};
