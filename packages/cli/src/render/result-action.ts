import { runAction, type ActionContext } from './run-action.js';

/**
 * The action of a command that ends in one result object: runs `run`, then prints the result
 * as the last NDJSON line (`{"type":"result",…}`) with --json, or the lines of `text(result)`.
 */
export function resultAction<O, R extends object>(
  run: (ctx: ActionContext, opts: O) => Promise<R>,
  text: (result: R, opts: O) => string | readonly string[],
): (opts: O) => Promise<void> {
  return runAction(async (ctx: ActionContext, opts: O) => {
    const result = await run(ctx, opts);
    if (ctx.json) return ctx.emitJson({ type: 'result', ...result });
    const lines = text(result, opts);
    process.stdout.write((typeof lines === 'string' ? [lines] : lines).join('\n') + '\n');
  });
}
