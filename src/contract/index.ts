// The wire contract between the widget and the proxy: zod/mini schemas and their types.
export * from './identifiers.js';
export * from './configuration.js';
export * from './elements.js';
export * from './instances.js';
export * from './discovery.js';
export * from './oauth.js';
export * from './sessions.js';
export * from './problem.js';
export * from './webhooks.js';
export * from './oauth.js';
