/**
 * Zegel's evidence verifier: no NestJS, no database, only node:crypto, `canonicalize` (RFC 8785)
 * and `pkijs` (RFC 3161), so it can be published and run on its own.
 */
export * from './bundle';
export * from './chain';
export * from './event-hash';
export * from './merkle';
export * from './signature';
export * from './timestamp';
export * from './tree-head';
