// @catdb/core/fs: the rules for files and folders catdb owns (a `.catdb-owned` mark; 0600 files
// in 0700 folders; nothing overwritten that catdb did not create), for tools that write next
// to catdb's own files. Re-exports only.
export { isCatdbDir, OWNER_MARK_FILE, type OwnerMark } from '../fs/owner-mark.js';
export { claimDir, type ClaimDirOptions, type ClaimedDir } from '../fs/claim-dir.js';
export { writeOwnedFile } from '../fs/write-owned-file.js';
