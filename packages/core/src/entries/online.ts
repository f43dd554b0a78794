// @catdb/core/online: migrating while the application keeps writing to SQLite: copy, follow the
// changes, cut over, or abort. Re-exports only.
export { migrateOnline, type MigrateOnlineResult } from '../online/migrate-online.js';
export { previewCutover, type CutoverPreview } from '../online/preview-cutover.js';
export { cutover } from '../online/cutover.js';
export { onlineAbort, type OnlineAbortOptions, type OnlineAbortResult } from '../online/online-abort.js';
export type { MigrateOnlineOptions, CutoverOptions, OnlineTarget } from '../online/online-options.js';
export type { CutoverSettings, CutoverResult } from '../online/cutover-result.js';
export type { RowCount } from '../online/cutover-result.js';
export type { OnlineEvent, OnlineEventHandler, OnlinePhase } from '../online/online-event.js';
export { parseDuration } from '../online/parse-duration.js';
