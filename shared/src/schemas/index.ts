export * from './activity-types.js';
export * from './decimal.js';
export * from './domain.js';
