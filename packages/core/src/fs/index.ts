// Public API of the fs area (what catdb may change on disk); re-exported from the package index.
export { OWNER_MARK_FILE, readOwnerMark, isCatdbDir, type OwnerMark } from './owner-mark.js';
export { claimDir, type ClaimDirOptions, type ClaimedDir } from './claim-dir.js';
export { writeOwnedFile } from './write-owned-file.js';
export { removeOwnedDir } from './remove-owned-dir.js';
export { backupFile } from './backup-file.js';
