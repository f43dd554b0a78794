// `tsx bench/run-online.ts [--rows N] [--writes-per-second W]`: the online benchmark alone
// (`pnpm bench` runs it too, at its first scale). Prints the figures and the targets; exits 1
// when a target fails.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { computeOnlineTargets } from './compute-online-targets.js';
import { ensureCatalogDb } from './ensure-catalog-db.js';
import { measureOnline } from './measure-online.js';
import { renderOnlineReport } from './render-online-report.js';
import { startBenchPostgres } from './start-bench-postgres.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const cacheDir = join(benchDir, '.cache');
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, 'writes-per-second': { type: 'string', default: '200' } } });
const rows = Number(values.rows);
const writesPerSecond = Number(values['writes-per-second']);
if (!(rows >= 1000) || !(writesPerSecond > 0)) throw new Error('--rows wants at least 1000 and --writes-per-second a positive number');
mkdirSync(join(cacheDir, 'logs'), { recursive: true });
const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
const timeoutMs = Math.max(600, (rows / 1_000_000) * 1800) * 1000;
const dbPath = await ensureCatalogDb({ benchDir, cacheDir, rows, timeoutMs, signal: controller.signal, log });
const pg = await startBenchPostgres(cacheDir, controller.signal);
process.env.PGPASSFILE = pg.server.passfile;
let code = 1;
try {
  const result = await measureOnline({ server: pg.server, dbPath, rows, cacheDir, repoDir: resolve(benchDir, '..'), writesPerSecond, timeoutMs, signal: controller.signal, log });
  process.stdout.write(renderOnlineReport(result, 'text') + '\n');
  const targets = computeOnlineTargets(result);
  for (const t of targets) process.stdout.write(`  ${t.status.padEnd(7)} ${t.description}: ${t.measured}\n`);
  code = targets.every((t) => t.status === 'PASS') ? 0 : 1;
} finally {
  await pg.close();
}
process.exit(code);
