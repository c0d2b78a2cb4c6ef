export * from './users.js';
export * from './returns.js';
export * from './regional.js';
export * from './audit.js';
export * from './sessions.js';
