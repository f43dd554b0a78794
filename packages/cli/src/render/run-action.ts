import { ExitCode, exitCodeFor } from './exit-code.js';
import { errorEvent, formatError } from './format-error.js';

export interface ActionContext {
  signal: AbortSignal;
  json: boolean;
  /** One NDJSON line on stdout (only with --json). */
  emitJson(event: Record<string, unknown>): void;
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
    const opts = args.find((a): a is { json?: boolean } => typeof a === 'object' && a !== null && 'json' in a) as { json?: boolean } | undefined;
    const json = Boolean(opts?.json);
    const ctx: ActionContext = {
      signal: controller.signal,
      json,
      emitJson: (event) => {
        process.stdout.write(JSON.stringify(event, jsonReplacer) + '\n');
      },
    };
    try {
      const code = await body(ctx, ...args);
      process.exitCode = code ?? ExitCode.ok;
    } catch (err) {
      const code = controller.signal.aborted ? ExitCode.interrupted : exitCodeFor(err);
      if (json) ctx.emitJson(errorEvent(err));
      process.stderr.write(formatError(err) + '\n');
      process.exitCode = code;
    } finally {
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
