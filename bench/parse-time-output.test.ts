import { describe, expect, it } from 'vitest';
import { parseTimeOutput } from './parse-time-output.js';

describe('parseTimeOutput', () => {
  it.each([
    ['success', '12.34 204800 0\n', { wallS: 12.34, maxRssKiB: 204800, exitCode: 0 }],
    ['non-zero exit', 'Command exited with non-zero status 3\n0.00 1624 3\n', { wallS: 0, maxRssKiB: 1624, exitCode: 3 }],
    ['killed by SIGTERM', 'Command terminated by signal 15\n1.50 1548 0\n', { wallS: 1.5, maxRssKiB: 1548, exitCode: 143 }],
    ['killed by SIGKILL', 'Command terminated by signal 9\n0.20 900 0', { wallS: 0.2, maxRssKiB: 900, exitCode: 137 }],
    [
      'command not found (time appends its message)',
      'Command exited with non-zero status 127\n0.00 1192 127/usr/bin/time: cannot run /nonexistent: No such file or directory\n',
      { wallS: 0, maxRssKiB: 1192, exitCode: 127 },
    ],
    ['integer seconds', '7 5000 0', { wallS: 7, maxRssKiB: 5000, exitCode: 0 }],
  ])('%s', (_name, text, expected) => {
    expect(parseTimeOutput(text)).toEqual(expected);
  });

  it.each([[''], ['garbage\n'], ['Command terminated by signal 2\n']])('returns undefined without a formatted line: %j', (text) => {
    expect(parseTimeOutput(text)).toBeUndefined();
  });
});
