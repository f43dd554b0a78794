import { Command } from 'commander';
import { startActionOutput, type ActionOutput, type OutputOpts } from './action-output.js';
import { ExitCode, exitCodeFor } from './exit-code.js';
import { errorEvent, formatError } from './format-error.js';

export interface ActionContext {
  signal: AbortSignal;
  json: boolean;
  /** One NDJSON line on stdout (only with --json). */
  emitJson(event: Record<string, unknown>): void;
  /** Every library event goes here too: the --log-file keeps the full stream. */
  logEvent(event: unknown): void;
  /** -v: progress as plain lines, every step. */
  verbose: boolean;
  /** -q: errors only (the rest is held back by runAction, this says not to bother). */
  quiet: boolean;
}

/**
 * Wraps a command body: Ctrl-C / SIGTERM abort the signal (a second Ctrl-C exits at once),
 * every error is printed once and mapped to an exit code here.
 */
export function runAction<A extends unknown[]>(
  body: (ctx: ActionContext, ...args: A) => Promise<number | void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const controller = new AbortController();
    let interrupts = 0;
    const onSignal = (): void => {
      interrupts += 1;
      if (interrupts > 1) process.exit(ExitCode.interrupted);
      controller.abort(new Error('interrupted'));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // Commander passes the parsed options, then the command itself; an option never given is absent.
    const command = args.find((a): a is Command => a instanceof Command);
    const opts = (command?.opts() ?? args.find((a) => typeof a === 'object' && a !== null && 'json' in a)) as ({ json?: boolean } & OutputOpts) | undefined;
    const json = Boolean(opts?.json);
    let output: ActionOutput | undefined;
    const ctx: ActionContext = {
      signal: controller.signal,
      json,
      emitJson: (event) => {
        process.stdout.write(JSON.stringify(event, jsonReplacer) + '\n');
      },
      logEvent: (event) => output?.logEvent(event),
      verbose: Boolean(opts?.verbose),
      quiet: Boolean(opts?.quiet),
    };
    try {
      // Inside the try: a --log-file that cannot be created is an error like any other.
      output = startActionOutput(opts ?? {}, json);
      const code = await body(ctx, ...args);
      process.exitCode = code ?? ExitCode.ok;
    } catch (err) {
      const code = controller.signal.aborted ? ExitCode.interrupted : exitCodeFor(err);
      output?.logText('error', formatError(err));
      output?.restore();
      if (json) ctx.emitJson(errorEvent(err));
      process.stderr.write(formatError(err) + '\n');
      process.exitCode = code;
    } finally {
      output?.restore();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  };
}

/** BigInt values (64-bit counts, LSN byte offsets) go out as JSON numbers when exact, else strings. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}
