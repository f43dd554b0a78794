// Public API of the replica area; re-exported from the package index.
export {};
