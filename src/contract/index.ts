// The wire contract between the widget and the proxy: the answers' shapes (checked by the widget
// with `conforms`) with the zod schemas derived from them, the requests' zod schemas, and their types.
export { conforms, type Infer, type Shape } from './shape.js';
export { toZod, type ZodOf } from './to-zod.js';
export * from './identifiers.js';
export * from './configuration.js';
export * from './configuration-rules.js';
export * from './elements.js';
export * from './instances.js';
export * from './discovery.js';
export * from './oauth.js';
export * from './sessions.js';
export * from './problem.js';
export * from './webhooks.js';
export * from './invitations.js';
export * from './locales.js';
export * from './oauth.js';
