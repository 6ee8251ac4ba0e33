// Acme Books' invitations page script: keeps the invitations list current while the page is open
// (a customer connecting an app turns its "Pending" into "Connected"), by asking the backend for the
// list (rendered there, in one place) every two seconds.
const list = document.querySelector('#invitations');
const EVERY_MS = 2000;
let shown = list?.innerHTML;

async function refresh() {
  const res = await fetch('/admin/invitations/list', { credentials: 'same-origin' }).catch(() => undefined);
  if (!res?.ok || !list) return;
  const table = await res.text();
  // Only when something changed, so a reader's focus or selection is left alone.
  if (table !== shown) list.innerHTML = shown = table;
}

if (list) setInterval(() => void refresh(), EVERY_MS);
