import { fill } from './messages.js';

/**
 * `<ce-field-mapper>`'s words: part of the one table in ./messages.ts, where each has the id
 * `mapper.<key>`, kept in a module of their own so they travel in the mapper's chunk rather than
 * in the entry every page loads. `{name}` marks a parameter.
 */
export const words = {
  // The marketplace's way in: a connection's "Map fields" in Manage
  'map-fields': 'Map fields',
  object: 'Map {name} from',
  loading: 'Loading…',
  retry: 'Retry',
  'no-fields': 'No app fields to map.',
  search: 'Search app fields',
  none: 'Not mapped',
  more: '{n} more: refine the search',
  'no-match': 'No match',
  used: 'Already used for {field}',
  suggest: 'Use {field}',
  'accept-all': 'Accept all suggestions ({n})',
  same: 'Same type',
  convertible: 'Converted from {from} to {to}',
  incompatible: '{from} cannot become {to}',
  required: 'Required',
  drift: '{field} is no longer in the app',
  preview: 'Preview',
  'preview-empty': 'No record to preview.',
  save: 'Save',
  reset: 'Reset',
  dirty: 'Unsaved changes',
  saved: 'Saved',
  stale: 'Saved elsewhere since you opened it.',
  merge: 'Load it, keep my changes',
};

export type MapperMessageId = `mapper.${keyof typeof words}`;

/** The words of `mapper.<key>`, each `{name}` replaced by its parameter. */
export const t = (key: keyof typeof words, params: Record<string, string | number> = {}): string => fill(words[key], params);
