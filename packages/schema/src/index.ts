export * from './common.js';
export * from './currencies.js';
export * from './money.js';
export * from './text.js';
export * from './calendar.js';
export * from './auth.js';
export * from './categories.js';
export * from './accounts.js';
export * from './transactions.js';
export * from './transfers.js';
export * from './rates.js';
export * from './reconciliation.js';
export * from './summary.js';

export const API_PREFIX = '/api/v1';
export * from './tokens.js';
export * from './imports.js';
