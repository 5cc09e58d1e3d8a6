export * from './base-error.js';
export * from './format-wait.js';
export * from './kinds.js';
export * from './redact.js';
export * from './to-body.js';
