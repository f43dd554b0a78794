import { DEFAULT_CHECK_TIMEOUT_MS } from '@catdb/core/monitoring';
import { sandboxStatus, type SandboxStatus } from '@catdb/core/sandbox';
import { Option, type Command } from 'commander';
import { runAction } from '../render/run-action.js';
import { parseDuration } from './duration-option.js';
import { DEFAULT_SANDBOX_DIR } from './sandbox-up.js';

function pgbouncerLines(p: NonNullable<SandboxStatus['pgbouncer']>): string[] {
  const verdict = p.status ? `${p.status}${p.status === 'OK' ? '' : ` — ${p.summary}`}` : (p.error ?? '');
  const lines = [`  pgbouncer ${p.running ? 'running' : 'stopped'}  127.0.0.1:${p.port}  ${verdict}`.trimEnd()];
  for (const pool of p.pools ?? []) {
    lines.push(`    pool ${pool.database}/${pool.user}: cl_active ${pool.cl_active}, cl_waiting ${pool.cl_waiting}, sv_active ${pool.sv_active}, sv_idle ${pool.sv_idle}, maxwait ${Number(pool.maxwait ?? 0) + Number(pool.maxwait_us ?? 0) / 1e6} s`);
  }
  return lines;
}

export function registerSandboxStatus(group: Command): void {
  group
    .command('status')
    .description('Which sandbox servers run, how the replicas stream and how PgBouncer and its pools are (exit 0 all running and OK, else 1)')
    .option('--dir <dir>', 'sandbox folder', DEFAULT_SANDBOX_DIR)
    .option('--json', 'one JSON document')
    .addOption(new Option('--timeout <duration>', 'deadline of each check (500ms, 5s, 2m; a bare number is seconds)').argParser(parseDuration('--timeout', { positive: true })).default(DEFAULT_CHECK_TIMEOUT_MS, '10s'))
    .action(
      runAction(async (ctx, opts: { dir: string; json?: boolean; timeout: number }) => {
        const s = await sandboxStatus({ dir: opts.dir, timeoutMs: opts.timeout, signal: ctx.signal });
        const healthy = Object.values(s.running).every(Boolean) && s.replication?.state === 'OK' && (!s.pgbouncer || s.pgbouncer.status === 'OK');
        if (ctx.json) {
          ctx.emitJson({ ...s, healthy });
        } else {
          const lines = [`Sandbox in ${s.state.dir}:`];
          const primaryName = s.state.primary.name === 'primary' ? 'primary' : `${s.state.primary.name} (primary)`;
          lines.push(`  ${primaryName.padEnd(9)} ${s.running[s.state.primary.name] ? 'running' : 'stopped'}  127.0.0.1:${s.state.primary.port}`);
          for (const r of s.state.replicas) {
            const v = s.replication?.standbys.find((x) => x.slotName === r.slot);
            const role = r.needsRejoin ? `former primary, not a standby: catdb replica rejoin --data-dir ${r.dataDir} brings it back` : v ? `${v.condition}, ${v.bytesBehind ?? '-'} bytes behind` : '';
            lines.push(`  ${r.name.padEnd(9)} ${s.running[r.name] ? 'running' : 'stopped'}  127.0.0.1:${r.port}  ${role}`.trimEnd());
          }
          if (s.pgbouncer) lines.push(...pgbouncerLines(s.pgbouncer));
          if (s.replication) lines.push(`Replication: ${s.replication.state} — ${s.replication.summary}`);
          if (s.error) lines.push(`Replication: unknown (${s.error})`);
          process.stdout.write(lines.join('\n') + '\n');
        }
        return healthy ? 0 : 1;
      }),
    );
}
