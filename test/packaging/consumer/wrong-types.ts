// Must NOT type-check: proves the package's declarations are real types, not `any`.
import { verifyMigration } from '@catdb/core';

const result = await verifyMigration({ source: 'a.sqlite', target: 'postgres://localhost/a' });
const ok: string = result.ok;
export { ok };
