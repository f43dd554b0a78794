import { execFileSync } from 'node:child_process';

/** The words a real shell makes of a printed command line (what a user pasting it runs). */
export function shellWords(line: string): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return out.split('\0').slice(0, -1);
}
