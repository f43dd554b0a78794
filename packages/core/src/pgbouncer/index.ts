// Public API of the pgbouncer area; re-exported from the package index.
export {};
