import { CommanderError } from 'commander';
import { errorEvent } from './format-error.js';

/**
 * A usage error (unknown option, missing argument, bad value) as the one NDJSON error object
 * `--json` promises, so a script never has to parse commander's text. Commander's own errors
 * carry its code (`commander.unknownOption`…) in `details`.
 */
export function usageErrorEvent(err: unknown, commandPath: string): Record<string, unknown> {
  if (!(err instanceof CommanderError)) return errorEvent(err);
  const help = `catdb${commandPath ? ` ${commandPath}` : ''} --help`;
  return {
    type: 'error',
    name: 'CatdbError',
    code: 'USAGE_INVALID_OPTION',
    message: err.message.replace(/^error: /, ''),
    hint: `Run \`${help}\` for the options and arguments it takes.`,
    details: { commander: err.code },
  };
}
