import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CatdbError } from '@catdb/core';
import { isCatdbDir } from '@catdb/core/fs';
import { redactText, secretsOf } from './redact-text.js';

/** The options of addOutputOptions, as commander parses them. */
export interface OutputOpts {
  quiet?: boolean;
  verbose?: boolean;
  logFile?: string;
}

export interface ActionOutput {
  /** Records a library event in the log file (no-op without --log-file). */
  logEvent(event: unknown): void;
  /** Records text the terminal may not show (the final error) in the log file. */
  logText(kind: string, text: string): void;
  /** Puts stdout and stderr back; later writes (the error of a failed command) are shown. */
  restore(): void;
}

// Escape sequences of a redrawing terminal display: a log keeps the text only.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\r/g;

/**
 * For the length of one command: with `--log-file`, a copy of everything it prints and every
 * event it gets, each line stamped and passed through redactText (no password ever reaches
 * the file), in a file created 0600; with `--quiet`, nothing on the terminal but errors
 * (the caller prints those after restore()). `--json` output on stdout is never held back: it
 * is the result.
 */
export function startActionOutput(opts: OutputOpts, json: boolean): ActionOutput {
  const fd = opts.logFile === undefined ? undefined : openLogFile(opts.logFile);
  const secrets = secretsOf(process.argv, process.env);
  const log = (kind: string, text: string): void => {
    if (fd === undefined) return;
    const stamp = new Date().toISOString();
    const lines = text.replace(ANSI, '').split('\n').filter((l) => l.trim() !== '');
    for (const line of lines) writeSync(fd, `${stamp} ${kind} ${redactText(line, secrets)}\n`);
  };
  if (fd !== undefined) log('start', `catdb ${process.argv.slice(2).join(' ')}`);
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const wrap = (stream: NodeJS.WriteStream, kind: 'stdout' | 'stderr', show: boolean): void => {
    const original = stream.write;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      log(kind, text);
      // An error a command prints itself (formatError: `error CODE: …` and its hint) still shows.
      if (!show && !(kind === 'stderr' && text.startsWith('error'))) {
        // The callback a caller may pass still has to run.
        const callback = rest.find((r): r is () => void => typeof r === 'function');
        callback?.();
        return true;
      }
      return (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
  };
  if (fd !== undefined || opts.quiet) {
    wrap(process.stdout, 'stdout', !opts.quiet || json);
    wrap(process.stderr, 'stderr', !opts.quiet);
  }
  let restored = false;
  return {
    logText: log,
    logEvent: (event) => {
      if (fd !== undefined) log('event', JSON.stringify(event, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    },
    restore: () => {
      if (restored) return;
      restored = true;
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
      if (fd !== undefined) closeSync(fd);
    },
  };
}

/**
 * A new file, 0600 from the first byte. An existing one is replaced only in a folder catdb
 * created; anywhere else catdb would be overwriting what it did not write, so it refuses.
 */
function openLogFile(file: string): number {
  const path = resolve(file);
  const ours = isCatdbDir(dirname(path));
  try {
    const fd = openSync(path, ours ? 'w' : 'wx', 0o600);
    if (ours) fchmodSync(fd, 0o600);
    return fd;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new CatdbError('FS_NOT_OWNED', `--log-file ${path} already exists, and catdb does not overwrite a file it did not create`, {
        hint: 'Pass a new file name to --log-file (e.g. with the date in it), or move the old log away.',
        details: { path },
      });
    }
    throw new CatdbError('USAGE_INVALID_OPTION', `--log-file ${path} cannot be created (${code ?? String(err)})`, { hint: 'Choose a file in a folder that exists and that you can write to.', details: { path }, cause: err });
  }
}
