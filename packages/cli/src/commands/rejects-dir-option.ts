import { resolve } from 'node:path';
import { Option, type Command } from 'commander';

/** The parsed values of addRejectsDirOption. */
export interface RejectsDirOpts {
  rejectsDir?: string;
  /** The name the option had before 0.x; kept so scripts that pass it still work. */
  rejectDir?: string;
}

/** `--rejects-dir <dir>` (and the hidden `--reject-dir` it replaced). */
export function addRejectsDirOption(cmd: Command): Command {
  return cmd
    .option('--rejects-dir <dir>', 'where rows left out are written, one NDJSON file per table (default: <sqlite-file>.rejects/, next to the SQLite file)')
    .addOption(new Option('--reject-dir <dir>', 'old name of --rejects-dir').hideHelp());
}

/**
 * Where the reject files of `file` go: the folder chosen, else `<file>.rejects` next to the
 * source file whatever the current directory, as the help says.
 */
export function rejectsDirFor(file: string, opts: RejectsDirOpts): string {
  return resolve(opts.rejectsDir ?? opts.rejectDir ?? `${resolve(file)}.rejects`);
}
