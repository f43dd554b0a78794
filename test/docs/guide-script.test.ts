import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guideSteps, renderGuideScript } from '../support/guide-script.js';

// The extraction the getting-started tests rely on: only marked blocks run, as written.

const root = join(import.meta.dirname, '../..');
const fence = '```';

describe('guideSteps', () => {
  it('takes commands of marked sh blocks and files of marked file blocks, and nothing from prose blocks', () => {
    const md = [
      'Prose.',
      `${fence}sh`,
      'rm -rf /   # an unmarked block never runs',
      fence,
      '<!-- guide-test -->',
      `${fence}sh`,
      '# a comment line is not a command',
      'cd ~/x',
      '',
      'catdb migrate sqlite-to-pg a.db \\',
      '  --to postgres://h/db   # continued',
      fence,
      '<!-- guide-test: file run.mjs -->',
      `${fence}js`,
      "console.log('it ran')",
      fence,
    ].join('\n');
    expect(guideSteps(md)).toEqual([
      { kind: 'run', command: 'cd ~/x' },
      { kind: 'run', command: 'catdb migrate sqlite-to-pg a.db \\\n  --to postgres://h/db   # continued' },
      { kind: 'file', name: 'run.mjs', content: "console.log('it ran')\n" },
    ]);
  });

  it.each([
    ['a mark that is not right before a block', '<!-- guide-test -->\n\nsome prose', /must be right before a code block/],
    ['a block of commands that is not sh', `<!-- guide-test -->\n${fence}bash\nls\n${fence}`, /must be ```sh/],
    ['a block without an end', `<!-- guide-test -->\n${fence}sh\nls`, /without an end/],
  ])('refuses %s', (_what, md, error) => {
    expect(() => guideSteps(md)).toThrow(error);
  });

  it('both getting-started guides have runnable blocks', () => {
    for (const guide of ['docs/getting-started-cli.md', 'docs/getting-started-library.md']) {
      expect(guideSteps(readFileSync(join(root, guide), 'utf8')).length, guide).toBeGreaterThan(3);
    }
  });
});

describe('renderGuideScript', () => {
  it('runs commands in one shell, saves files where the shell is, and stops at the first failure, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catdb-guide-script-'));
    try {
      const script = renderGuideScript([
        { kind: 'run', command: `cd ${dir}` },
        { kind: 'file', name: 'it.txt', content: "it's $HOME, not expanded\n" },
        { kind: 'run', command: 'cat it.txt' },
        { kind: 'run', command: 'true | cat' },
        { kind: 'run', command: 'false | cat' },
        { kind: 'run', command: 'echo after' },
      ]);
      let out = '';
      let err = '';
      try {
        execFileSync('bash', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        ({ stdout: out, stderr: err } = e as { stdout: string; stderr: string });
      }
      expect(out).toContain("::guide-step 2 cat it.txt\nit's $HOME, not expanded\n::guide-ok 2\n");
      expect([...out.matchAll(/^::guide-ok (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([0, 2, 3]);
      expect(out).not.toContain('after');
      // pipefail: a failure anywhere in a pipeline fails the command.
      expect(out).toContain('::guide-step 4 false | cat\n');
      expect(err).toMatch(/^::guide-failed status 1 in step 4 \(at: /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
