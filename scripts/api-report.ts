// Regenerates packages/core/api-report.md, the public API of @catdb/core by entry point.
// Run with `pnpm api-report`; packages/core/src/public-api.test.ts checks it is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPublicApi, ROOT } from './api/read-public-api.js';
import { renderApiReport } from './api/render-api-report.js';

const path = join(ROOT, 'packages/core/api-report.md');
const report = renderApiReport(readPublicApi());
let current = '';
try {
  current = readFileSync(path, 'utf8');
} catch {
  // the first report
}
if (current === report) {
  process.stdout.write('packages/core/api-report.md is up to date\n');
} else {
  writeFileSync(path, report);
  process.stdout.write('wrote packages/core/api-report.md\n');
}
