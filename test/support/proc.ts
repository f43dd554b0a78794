import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A live process as /proc shows it. */
export interface ProcInfo {
  pid: number;
  cmdline: string;
  environ: string;
}

function parentOf(pid: number): number | undefined {
  try {
    // Field 4 of /proc/<pid>/stat, counted after the command name, which may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** `pid` and every process below it, with argv and environment; fails loudly when `pid` is gone. */
export function processTree(pid: number): ProcInfo[] {
  if (!existsSync(`/proc/${pid}`)) throw new Error(`process ${pid} is not running`);
  const all = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
  const children = new Map<number, number[]>();
  for (const p of all) {
    const parent = parentOf(p);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  const out: ProcInfo[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    try {
      out.push({
        pid: p,
        cmdline: readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ').trim(),
        environ: readFileSync(`/proc/${p}/environ`, 'utf8'),
      });
    } catch {
      continue; // ended meanwhile
    }
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

/** The postmaster's pid from `<dataDir>/postmaster.pid`; fails loudly when the server is not running. */
export function postmasterPid(dataDir: string): number {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) throw new Error(`no postmaster.pid in ${dataDir}: the server is not running`);
  return Number(readFileSync(file, 'utf8').split('\n')[0]);
}

/** The processes of `tree` whose argv or environment hold any of `needles`, as "pid cmdline: where". */
export function leaksIn(tree: readonly ProcInfo[], needles: readonly string[]): string[] {
  return tree.flatMap((p) =>
    needles.flatMap((n) => [...(p.cmdline.includes(n) ? [`${p.pid} ${p.cmdline}: argv`] : []), ...(p.environ.includes(n) ? [`${p.pid} ${p.cmdline}: environ`] : [])]),
  );
}
