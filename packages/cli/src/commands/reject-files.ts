import { appendFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RejectRecord } from '@catdb/core';
import { claimDir, writeOwnedFile } from '@catdb/core/fs';
import { jsonReplacer } from '../render/run-action.js';

/**
 * The reject files of one run: one NDJSON file per table in `dir`, each line written as its
 * row is rejected, so a run that is interrupted (Ctrl-C, a failure) leaves the rows rejected
 * so far. The folder is created (0700, marked) at the first reject. Files of an earlier run
 * are replaced only in a folder catdb created; in any other, an existing file is refused
 * (FS_NOT_OWNED), reported by `finish` once the run is over, as before lines were streamed.
 * Tables whose names clean up alike get `-2`, `-3`… rather than one file.
 */
export class RejectFiles {
  private readonly byTable = new Map<string, string>();
  private failed: unknown;

  constructor(private readonly dir: string) {}

  /** Appends one rejected row to its table's file (opening the file at the table's first). */
  add(record: RejectRecord): void {
    if (this.failed !== undefined) return;
    const line = JSON.stringify({ rowid: record.key, column: record.column, value: record.value, reason: record.reason }, jsonReplacer) + '\n';
    try {
      const open = this.byTable.get(record.table);
      if (open) return appendFileSync(open, line);
      if (!existsSync(this.dir)) claimDir(this.dir, { createdBy: 'migrate sqlite-to-pg (reject files)', mode: 0o700 });
      const files = [...this.byTable.values()];
      const stem = record.table.replace(/[^A-Za-z0-9_.-]+/g, '_');
      let path = resolve(join(this.dir, `${stem}.ndjson`));
      for (let n = 2; files.includes(path); n++) path = resolve(join(this.dir, `${stem}-${n}.ndjson`));
      writeOwnedFile(path, line, 0o600);
      this.byTable.set(record.table, path);
    } catch (err) {
      // The load goes on; the file that could not be written fails the command at its end.
      this.failed = err;
    }
  }

  /** The files written, in the order of their tables' first reject; throws what kept one from being written. */
  finish(): string[] {
    if (this.failed !== undefined) throw this.failed;
    return [...this.byTable.values()];
  }
}
