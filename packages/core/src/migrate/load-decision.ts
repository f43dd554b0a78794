import type { ColumnPlan, TypeDecision } from '../plan/migration-plan.js';

/**
 * A change the load found it needed, recorded instead of written into the plan: the plan
 * stays the one made (what `--dry-run` shows), and planAfterLoad gives the plan the steps
 * after the load apply. Big tables are planned from a lean profile, so what only a full scan
 * shows (a value longer than varchar(n), a BLOB in a POINT column) shows at the load.
 */
export type LoadDecision =
  /** A column created with another type than planned; `loadedAs` is the column as created. */
  | { kind: 'column'; table: string; column: string; declaredAs: string; pgType: string; reason: string; loadedAs: ColumnPlan; typeDecision?: TypeDecision }
  /** A post-load statement (a foreign key) of target table `table` left out because of a column decision. */
  | { kind: 'left-out'; table: string; name: string; reason: string };
