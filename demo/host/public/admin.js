// Acme Books' admin page script: keeps the Events panel current while the page is open, by
// asking the backend for the panel's table (rendered there, in one place) every two seconds.
const panel = document.querySelector('#events');
const EVERY_MS = 2000;
let shown;

async function refresh() {
  const res = await fetch('/admin/events', { credentials: 'same-origin' }).catch(() => undefined);
  if (!res?.ok) return;
  const table = await res.text();
  // Only when something changed, so a reader's selection or scroll is left alone.
  if (table !== shown) panel.innerHTML = shown = table;
}

if (panel) setInterval(() => void refresh(), EVERY_MS);
