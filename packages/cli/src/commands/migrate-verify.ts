import type { Command } from 'commander';
import { CatdbError, verifyMigration } from '@catdb/core';
import { ExitCode } from '../render/exit-code.js';
import { formatError } from '../render/format-error.js';
import { runAction } from '../render/run-action.js';
import { terminalSafe } from '../render/terminal-safe.js';
import { addSourceTargetOptions, sourceTargetOptions, type SourceTargetOpts } from './migrate-options.js';
import { describeTarget } from '../render/describe-target.js';
import { addOutputOptions } from './output-options.js';
import { progressIntervalMs } from '../render/progress-interval.js';
import { renderVerifySummary } from '../render/render-verify-summary.js';
import { verifyProgressLines } from '../render/verify-progress-lines.js';
import { resolveTarget } from './resolve-target.js';
import { plural } from '../render/plural.js';

type Opts = SourceTargetOpts;

export function registerMigrateVerify(group: Command): void {
  addOutputOptions(addSourceTargetOptions(
    group
      .command('verify')
      .description('Compare a SQLite database with its PostgreSQL copy: row counts and a checksum over every value')
      .argument('<sqlite-file>', 'the SQLite database (opened read-only)'),
  ))
    .addHelpText('after', '\nExit codes: 0 identical, 3 mismatch, 1 failed, 2 usage.')
    .action(
      runAction(async (ctx, file: string, opts: Opts) => {
        // Read-only: never starts a server, uses catdb's local one only when it already runs.
        const target = await resolveTarget(ctx, { to: opts.to, file, local: 'if-running', schema: opts.schema });
        if (ctx.json) ctx.emitJson({ type: 'target', url: describeTarget(target.url), schema: opts.schema, embedded: Boolean(target.local) });
        const progress = ctx.json ? undefined : verifyProgressLines({ write: (line) => void process.stderr.write(line + '\n'), intervalMs: progressIntervalMs() });
        const result = await verifyMigration({
          ...sourceTargetOptions(file, target.url, opts),
          signal: ctx.signal,
          onEvent: (e) => {
            ctx.logEvent(e);
            if (ctx.json) ctx.emitJson(e as unknown as Record<string, unknown>);
            else progress?.onEvent(e);
          },
        }).finally(() => progress?.stop());
        if (ctx.json) ctx.emitJson({ type: 'verify-summary', ok: result.ok, tables: result.tables });
        else {
          for (const t of result.tables) {
            const detail = t.problem ?? (t.ok ? plural(t.targetRows, 'row') : `source ${plural(t.sourceRows - t.rejected, 'row')} / target ${plural(t.targetRows, 'row')}, checksums ${t.sourceChecksum} / ${t.targetChecksum}`);
            process.stdout.write(terminalSafe(`${t.ok ? 'ok  ' : 'DIFF'} ${t.table}: ${detail}`) + '\n');
            for (const d of t.differences ?? []) process.stdout.write(terminalSafe(`       key ${d.key}: ${d.problem}`) + '\n');
          }
        }
        if (!ctx.json) process.stdout.write(renderVerifySummary(result) + '\n');
        if (!result.ok) {
          const bad = result.tables.filter((t) => !t.ok).map((t) => (t.differences?.length ? `${t.table} (rows ${t.differences.map((d) => `${d.key} ${d.problem}`).join(', ')})` : t.table));
          if (!ctx.json) process.stderr.write(formatError(new CatdbError('VERIFY_MISMATCH', `Verification failed for ${bad.join(', ')}`)) + '\n');
          if (!ctx.json) process.stdout.write(`Target: ${describeTarget(target.url, opts.schema)}\n`);
          return ExitCode.verifyMismatch;
        }
        if (!ctx.json) process.stdout.write(`Target: ${describeTarget(target.url, opts.schema)}\n`);
        return ExitCode.ok;
      }),
    );
}
