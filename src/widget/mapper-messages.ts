/**
 * `<ce-field-mapper>`'s words, by message id: part of the one table in ./messages.ts, kept in a
 * module of their own so they travel in the mapper's chunk rather than in the entry every page
 * loads. `{name}` marks a parameter.
 */
export const mapperMessages = {
  'mapper.object': 'App object',
  'mapper.loading': 'Loading fields…',
  'mapper.retry': 'Retry',
  'mapper.no-fields': 'The app has no fields to map here.',
  'mapper.search': 'Search app fields',
  'mapper.none': 'Not mapped',
  'mapper.more': '{n} more: refine the search',
  'mapper.no-match': 'No app field matches',
  'mapper.used': 'Already used for {field}',
  'mapper.suggest': 'Use {field}',
  'mapper.accept-all': 'Accept all suggestions ({n})',
  'mapper.same': 'Same type: {to}',
  'mapper.convertible': 'Converted from {from} to {to}',
  'mapper.incompatible': 'Incompatible: {from} cannot become {to}',
  'mapper.required': 'Required: choose a field of the app.',
  'mapper.drift': '{field} is no longer in the app: choose another field.',
  'mapper.preview': 'Preview',
  'mapper.preview-title': 'One record through this mapping',
  'mapper.preview-empty': 'The app has no record to preview.',
  'mapper.save': 'Save mapping',
  'mapper.reset': 'Reset',
  'mapper.dirty': 'Unsaved changes',
  'mapper.saved': 'Mapping saved.',
  'mapper.stale': 'This mapping was saved elsewhere (another tab or person) since you opened it.',
  'mapper.merge': 'Load the saved version and keep my changes',
  'mapper.merged': 'The saved version is loaded with your changes on top. Check them, then save.',
} satisfies Record<`mapper.${string}`, string>;

export type MapperMessageId = keyof typeof mapperMessages;

/** The words of `id`, each `{name}` replaced by its parameter. */
export const t = (id: MapperMessageId, params: Record<string, string | number> = {}): string =>
  mapperMessages[id].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
