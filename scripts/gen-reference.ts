// Regenerates the generated pages of docs/ (reference, cast rules, error codes, JSON events)
// from the code. Run with `pnpm docs` (which builds first: the CLI imports @catdb/core's build).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDocs, ROOT, undescribedErrorCodes } from './docs/generate-docs.js';

let changed = 0;
for (const [name, content] of generateDocs()) {
  const path = join(ROOT, 'docs', name);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // a new page
  }
  if (current === content) continue;
  writeFileSync(path, content);
  changed += 1;
  process.stdout.write(`wrote docs/${name}\n`);
}
if (changed === 0) process.stdout.write('docs/ is up to date\n');
const missing = undescribedErrorCodes();
if (missing.length) {
  process.stderr.write(`error codes without a meaning (add them to scripts/docs/error-meanings.ts): ${missing.join(', ')}\n`);
  process.exitCode = 1;
}
