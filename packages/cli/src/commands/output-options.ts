import { Option, type Command } from 'commander';

/** `-q`, `-v` and `--log-file`, for the commands that run long (see render/action-output.ts). */
export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-q, --quiet', 'print errors only: no progress, no summary (with --json the JSON is still printed)').conflicts('verbose'))
    .option('-v, --verbose', 'progress as plain lines, one per table and step, even on a terminal')
    .option('--log-file <file>', 'also write everything printed and every event to <file> (a new file, mode 0600; passwords masked)');
}
