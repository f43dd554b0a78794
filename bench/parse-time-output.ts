/** The format the benchmark passes to GNU time: wall seconds, max RSS (KiB), exit status. */
export const TIME_FORMAT = '%e %M %x';

export interface TimeOutput {
  wallS: number;
  maxRssKiB: number;
  /** The command's exit status; 128 + N when it was killed by signal N (shell convention). */
  exitCode: number;
}

/**
 * Parses what `/usr/bin/time -f '%e %M %x' -o FILE` wrote. GNU time puts a line such as
 * `Command exited with non-zero status 3` or `Command terminated by signal 15` before the
 * formatted line, and reports `%x` as 0 for a signalled child, so the signal line wins.
 * Returns undefined when no formatted line is present (time itself could not run).
 */
export function parseTimeOutput(text: string): TimeOutput | undefined {
  let parsed: TimeOutput | undefined;
  let signal: number | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const sig = /^Command terminated by signal (\d+)$/.exec(line);
    if (sig) signal = Number(sig[1]);
    // The formatted line may be followed by time's own complaint on the same line when
    // the command could not be started (`127/usr/bin/time: cannot run …`).
    const m = /^(\d+(?:\.\d+)?) (\d+) (-?\d+)/.exec(line);
    if (m) parsed = { wallS: Number(m[1]), maxRssKiB: Number(m[2]), exitCode: Number(m[3]) };
  }
  if (parsed && signal !== undefined) parsed.exitCode = 128 + signal;
  return parsed;
}
