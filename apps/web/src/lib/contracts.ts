/**
 * The zod contracts, loaded on demand. `@moneta/schema` is classic zod, which does not tree-shake:
 * importing it at runtime from the initial chunk would add ~25 kB gzipped to the login page. Code
 * on the first screen awaits this instead; the dashboard chunks import the package directly.
 */
export const loadContracts = () => import('@moneta/schema');
