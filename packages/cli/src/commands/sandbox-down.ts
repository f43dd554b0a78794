import { stopSandbox } from '@catdb/core/sandbox';
import type { Command } from 'commander';
import { resultAction } from '../render/result-action.js';
import { DEFAULT_SANDBOX_DIR } from './sandbox-up.js';

export function registerSandboxDown(group: Command): void {
  group
    .command('down')
    .description('Stop the sandbox servers (replicas first); --purge also deletes the folder')
    .option('--dir <dir>', 'sandbox folder', DEFAULT_SANDBOX_DIR)
    .option('--purge', 'delete the sandbox folder after stopping (only a folder catdb created; one that existed empty is emptied)')
    .option('--json', 'one JSON result object')
    .action(
      resultAction(
        (_ctx, opts: { dir: string; purge?: boolean; json?: boolean }) => stopSandbox({ dir: opts.dir, purge: Boolean(opts.purge) }),
        (result, opts) => {
          const purged = result.purged ? (result.folderKept ? `; emptied ${opts.dir} (kept: it existed before catdb)` : `; removed ${opts.dir}`) : '';
          return `Stopped: ${result.stopped.length ? result.stopped.join(', ') : 'nothing was running'}${purged}`;
        },
      ),
    );
}
