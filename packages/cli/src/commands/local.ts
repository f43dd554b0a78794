import type { Command } from 'commander';
import { CatdbError } from '@catdb/core';
import { destroyLocalServer, localServerHome, localServerStatus, startLocalServer, stopLocalServer, type LocalServerStatus } from '@catdb/core/local';
import { ExitCode } from '../render/exit-code.js';
import { runAction } from '../render/run-action.js';

/** `local status` exits 3 when the server is not running: the LSB convention for "program is not running". */
const NOT_RUNNING = 3;

function statusLines(s: LocalServerStatus): string[] {
  const lines = [
    s.running ? `catdb's local PostgreSQL is running at ${s.url}` : `catdb's local PostgreSQL is ${s.exists ? 'stopped' : 'not set up'}; start it with catdb local start`,
    `  data dir:      ${s.dataDir}`,
  ];
  if (s.running) lines.push(`  pid:           ${s.pid}`, `  password file: ${s.passfile}`, `  connect with:  PGPASSFILE=${s.passfile} psql '${s.url}'`);
  return lines;
}

/** `catdb local status | start | stop | destroy`: the PostgreSQL catdb starts when no target is given. */
export function registerLocalCommands(group: Command): void {
  const home = 'its folder is $CATDB_HOME, else $XDG_DATA_HOME/catdb, else ~/.local/share/catdb';
  group
    .command('status')
    .description(`Whether catdb's local PostgreSQL runs, its URL, data dir and pid (${home}); exit 0 running, 3 not running`)
    .option('--json', 'one JSON document')
    .action(
      runAction(async (ctx) => {
        const s = localServerStatus();
        if (ctx.json) ctx.emitJson({ type: 'local-status', home: localServerHome(), ...s });
        else process.stdout.write(statusLines(s).join('\n') + '\n');
        return s.running ? ExitCode.ok : NOT_RUNNING;
      }),
    );
  group
    .command('start')
    .description(`Start catdb's local PostgreSQL on 127.0.0.1 (initdb on first use; ${home})`)
    .option('--json', 'one JSON document')
    .action(
      runAction(async (ctx) => {
        const server = await startLocalServer({ signal: ctx.signal });
        const s = localServerStatus();
        if (ctx.json) ctx.emitJson({ type: 'local-start', started: server.started, home: localServerHome(), ...s });
        else process.stdout.write([server.started ? 'Started.' : 'Already running.', ...statusLines(s), 'Stop it with catdb local stop.'].join('\n') + '\n');
        return ExitCode.ok;
      }),
    );
  group
    .command('stop')
    .description("Stop catdb's local PostgreSQL (fast shutdown; waits until its processes have exited; its databases stay)")
    .option('--json', 'one JSON document')
    .action(
      runAction(async (ctx) => {
        const before = await stopLocalServer({ signal: ctx.signal });
        if (ctx.json) ctx.emitJson({ type: 'local-stop', stopped: before.running, dir: before.dir, pid: before.pid ?? null });
        else process.stdout.write(before.running ? `Stopped catdb's local PostgreSQL (pid ${before.pid}); its databases stay in ${before.dataDir}.\n` : `catdb's local PostgreSQL was not running (${before.dataDir}).\n`);
        return ExitCode.ok;
      }),
    );
  group
    .command('destroy')
    .description("Stop catdb's local PostgreSQL and delete its folder, every database in it included (only a folder catdb created)")
    .option('--yes', 'confirm: the databases in it are deleted')
    .option('--json', 'one JSON document')
    .action(
      runAction(async (ctx, opts: { yes?: boolean }) => {
        if (!opts.yes) {
          const s = localServerStatus();
          throw new CatdbError('USAGE_INVALID_OPTION', `catdb local destroy deletes ${s.dir} with every database in it`, { hint: 'Run catdb local destroy --yes to go ahead, or catdb local stop to keep the databases.' });
        }
        const r = await destroyLocalServer({ signal: ctx.signal });
        if (ctx.json) ctx.emitJson({ type: 'local-destroy', ...r });
        else {
          const what = r.folder === 'absent' ? `Nothing to delete: ${r.dir} does not exist.` : r.folder === 'emptied' ? `Emptied ${r.dir} (the folder existed before catdb, so it stays).` : `Deleted ${r.dir}${r.removedParents.length ? ` and ${r.removedParents.join(', ')}` : ''}.`;
          process.stdout.write(`${r.stopped ? 'Stopped the server. ' : ''}${what}\n`);
        }
        return ExitCode.ok;
      }),
    );
}
