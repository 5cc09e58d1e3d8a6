export * from './decimal.js';
export * from './domain.js';
