export * from './api';
export * from './ce-id';
export * from './classification';
export * from './errors';
export * from './evidence';
export * from './policy';
export * from './branding';
export * from './tracking';
