import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProcSample {
  /** Processes seen (pid → first cmdline seen). */
  seen: Map<number, string>;
  /** "pid cmdline: argv|environ" for every process whose argv or environment held the secret. */
  leaks: string[];
}

/**
 * Samples /proc/<pid>/cmdline and /proc/<pid>/environ of every process every few ms until
 * stopped, recording any that hold `secret`. Covers catdb itself and all its children
 * (pg_basebackup, pg_ctl, postgres) without having to track the process tree.
 */
export function sampleProcesses(secret: string): { stop(): Promise<ProcSample> } {
  const sample: ProcSample = { seen: new Map(), leaks: [] };
  const needle = Buffer.from(secret);
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const name of readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        const pid = Number(name);
        try {
          const cmdline = readFileSync(`/proc/${pid}/cmdline`);
          // Kept current (a child first seen between fork and exec still shows its parent's command
          // line), but never blanked: a process that has exited and not yet been reaped reads as empty.
          const text = cmdline.toString().replaceAll('\0', ' ').trim();
          if (text) sample.seen.set(pid, text);
          if (cmdline.includes(needle)) sample.leaks.push(`${pid} ${sample.seen.get(pid)}: argv`);
          if (readFileSync(`/proc/${pid}/environ`).includes(needle)) sample.leaks.push(`${pid} ${sample.seen.get(pid)}: environ`);
        } catch {
          // The process ended between readdir and read.
        }
      }
      await sleep(5);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return sample;
    },
  };
}
