// Turns the runnable parts of a guide into one bash script, so a test can run them as written.
//
// A code block is runnable when the line right before its fence is `<!-- guide-test -->` (a
// ```sh block: its commands run in order in one shell, so `cd` and `export` carry over) or
// `<!-- guide-test: file NAME -->` (any block: saved as NAME in the shell's current folder, the
// way the guide tells the reader to save it). Every other block is prose and never runs.

export type GuideStep = { kind: 'run'; command: string } | { kind: 'file'; name: string; content: string };

const MARK = /^<!-- guide-test(?::\s*file\s+([\w.-]+))?\s*-->$/;
const EOF_WORD = 'CATDB_GUIDE_FILE_END';

/** The runnable steps of a guide, in order; throws on a mark that is not followed by a code block. */
export function guideSteps(markdown: string): GuideStep[] {
  const lines = markdown.split('\n');
  const steps: GuideStep[] = [];
  for (let i = 0; i < lines.length; i++) {
    const mark = MARK.exec(lines[i]!.trim());
    if (!mark) continue;
    const fence = lines[i + 1] ?? '';
    if (!/^```[\w-]*$/.test(fence)) throw new Error(`line ${i + 1}: a guide-test mark must be right before a code block`);
    const end = lines.indexOf('```', i + 2);
    if (end < 0) throw new Error(`line ${i + 2}: code block without an end`);
    const body = lines.slice(i + 2, end);
    i = end;
    if (mark[1]) {
      steps.push({ kind: 'file', name: mark[1], content: body.join('\n') + '\n' });
      continue;
    }
    if (fence !== '```sh') throw new Error(`line ${i + 2}: a guide-test block of commands must be \`\`\`sh`);
    // One command per line; a trailing backslash continues it on the next.
    let pending = '';
    for (const line of body) {
      pending += pending ? `\n${line}` : line;
      if (line.endsWith('\\')) continue;
      const command = pending.trim();
      pending = '';
      if (command && !command.startsWith('#')) steps.push({ kind: 'run', command });
    }
  }
  return steps;
}

const sq = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * A bash script that runs the steps in order and stops at the first command that fails
 * (errexit, pipefail), naming its step. Before each command it prints `::guide-step N <command>`
 * and after it `::guide-ok N`, so the caller can tell which ones ran and passed.
 */
export function renderGuideScript(steps: readonly GuideStep[]): string {
  const out = ['set -eo pipefail', `trap 'status=$?; echo "::guide-failed status $status in step $guide_step (at: $BASH_COMMAND)" >&2' ERR`];
  steps.forEach((step, n) => {
    if (step.kind === 'file') {
      if (step.content.split('\n').includes(EOF_WORD)) throw new Error(`file ${step.name} holds the line ${EOF_WORD}`);
      out.push(`cat > ${sq(step.name)} <<'${EOF_WORD}'`, step.content.replace(/\n$/, ''), EOF_WORD);
      return;
    }
    out.push(`guide_step=${n}`, `echo ${sq(`::guide-step ${n} ${step.command}`)}`, step.command, `echo '::guide-ok ${n}'`);
  });
  return out.join('\n') + '\n';
}
