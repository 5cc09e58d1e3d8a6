export * from './display-currencies.js';
export * from './types.js';
