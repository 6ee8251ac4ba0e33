import type { Templates } from '../localize.js';

/**
 * German. A locale module is the messages of one language by id (the keys of messages.ts), loaded
 * as its own chunk when an element resolves to it; an id it lacks shows in English.
 */
export const templates: Templates = {
  'card.manage': 'Verwalten',
  'card.reconnect': 'Erneut verbinden',
  'card.add': 'Weiteres Konto hinzufügen',
  'instance.connected': 'Verbunden {date}',
  'attention.banner': '{app} braucht eine neue Anmeldung von Ihnen.',
  'oauth.timeout': 'Die Anmeldung bei {app} hat zu lange gedauert. Beginnen Sie erneut.',
  'catalog.connected-filter': 'Verbunden',
  'catalog.none-connected': 'Noch keine Apps verbunden.',
  'catalog.count': 'one:{count} App|other:{count} Apps',
};
