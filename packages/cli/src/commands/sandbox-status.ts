import { sandboxStatus } from '@catdb/core';
import type { Command } from 'commander';
import { runAction } from '../render/run-action.js';
import { DEFAULT_SANDBOX_DIR } from './sandbox-up.js';

export function registerSandboxStatus(group: Command): void {
  group
    .command('status')
    .description('Which sandbox servers run and how the replicas stream (exit 0 all running and OK, else 1)')
    .option('--dir <dir>', 'sandbox folder', DEFAULT_SANDBOX_DIR)
    .option('--json', 'one JSON document')
    .action(
      runAction(async (ctx, opts: { dir: string; json?: boolean }) => {
        const s = await sandboxStatus({ dir: opts.dir, signal: ctx.signal });
        const healthy = Object.values(s.running).every(Boolean) && s.replication?.state === 'OK';
        if (ctx.json) {
          ctx.emitJson({ ...s, healthy });
        } else {
          const lines = [`Sandbox in ${s.state.dir}:`];
          lines.push(`  primary   ${s.running.primary ? 'running' : 'stopped'}  127.0.0.1:${s.state.primary.port}`);
          for (const r of s.state.replicas) {
            const v = s.replication?.standbys.find((x) => x.slotName === r.slot);
            lines.push(`  ${r.name.padEnd(9)} ${s.running[r.name] ? 'running' : 'stopped'}  127.0.0.1:${r.port}  ${v ? `${v.condition}, ${v.bytesBehind ?? '-'} bytes behind` : ''}`);
          }
          if (s.replication) lines.push(`Replication: ${s.replication.state} — ${s.replication.summary}`);
          if (s.error) lines.push(`Replication: unknown (${s.error})`);
          process.stdout.write(lines.join('\n') + '\n');
        }
        return healthy ? 0 : 1;
      }),
    );
}
