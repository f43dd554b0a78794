// `pnpm bench`: catdb against psql \copy and pgloader on one server, in one run.
// Composition only: measuring lives in the run-*/apply-*/export-* files, arithmetic and
// rendering in the pure compute-*/render-* files.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalPostgres } from '../packages/core/src/local/start-postgres.js';
import { applyFreshDatabase, databaseUrl, dropDatabase } from './apply-fresh-database.js';
import {
  BASELINE_IDS,
  BENCH_TABLES,
  type BenchOptions,
  type BenchResults,
  type ContenderId,
  type ContenderResult,
  type ContenderStatus,
  type MachineInfo,
  type RunResult,
  type ScaleResult,
} from './bench-types.js';
import { collectMachineInfo } from './collect-machine-info.js';
import { compareRowCounts } from './compare-row-counts.js';
import { computeBenchRatios } from './compute-bench-ratios.js';
import { benchExitCode, computeBenchTargets } from './compute-bench-targets.js';
import type { ContenderContext, ContenderRun } from './contender-run.js';
import { countPgRows, countSqliteRows } from './count-rows.js';
import { ensureCatalogDb } from './ensure-catalog-db.js';
import { exportCsvFiles } from './export-csv-files.js';
import { BENCH_USAGE, childTimeoutS, parseBenchArgs } from './parse-bench-args.js';
import { renderBenchChart } from './render-bench-chart.js';
import { renderBenchMarkdown } from './render-bench-markdown.js';
import { renderBenchSummary } from './render-bench-summary.js';
import { catdbUnavailableReason, runCatdb } from './run-catdb.js';
import { runCopyReference } from './run-copy-reference.js';
import { findOnPath, pgloaderVersion, runPgloader } from './run-pgloader.js';
import { gitRevision } from './git-revision.js';
import { GNU_TIME } from './run-timed.js';
import { BENCH_PG_SETTINGS, startBenchPostgres } from './start-bench-postgres.js';
import { computeOnlineTargets } from './compute-online-targets.js';
import { measureOnline } from './measure-online.js';
import type { OnlineBenchResult } from './online-bench-types.js';
import { renderOnlineReport } from './render-online-report.js';
import { summarizeContender } from './summarize-contender.js';

const RSS_METHOD =
  'Peak RSS is GNU time’s `%M` (maximum resident set size) of each client process; for processes that run at the same time (the two psql of the parallel reference) the peaks are summed, an upper bound. Server backends are not counted.';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(benchDir, '..');
const cacheDir = join(benchDir, '.cache');
const logDir = join(cacheDir, 'logs');
const docsDir = join(repoDir, 'docs');

let interrupted = false;
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseBenchArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${BENCH_USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  if ('render' in parsed) {
    const results = JSON.parse(readFileSync(resolve(parsed.render), 'utf8')) as BenchResults;
    if (results.version !== 1) throw new Error(`${parsed.render} has results version ${String(results.version)}, this renderer knows 1`);
    return writeReports(results);
  }
  const options = parsed.options;
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} is required to measure peak RSS (Debian: apt-get install time)`);
  for (const tool of ['python3', 'sqlite3']) {
    if (!findOnPath(tool)) throw new Error(`${tool} is required and not on PATH`);
  }

  const controller = new AbortController();
  const { signal } = controller;
  let interrupts = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    interrupts += 1;
    interrupted = true;
    if (interrupts > 1) process.exit(130);
    log(`${sig}: stopping the running contender and the server (again to quit at once)…`);
    controller.abort(new Error(`interrupted by ${sig}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  mkdirSync(logDir, { recursive: true });
  const startedAt = new Date();
  const wants = (id: ContenderId): boolean => options.only.includes(id);
  const scaleRows = options.scales.map((s) => s * options.rows);

  const dbPaths: string[] = [];
  for (const rows of scaleRows) {
    dbPaths.push(await ensureCatalogDb({ benchDir, cacheDir, rows, timeoutMs: Math.max(600, (rows / 1_000_000) * 1800) * 1000, signal, log }));
  }

  // Fixed before the server starts, so a missing tool is reported the same at every scale.
  const fixedStatus = new Map<ContenderId, { status: ContenderStatus; reason?: string }>();
  for (const [dir, ids] of [[repoDir, ['catdb', 'catdb-verify']], [options.baselineDir, BASELINE_IDS]] as const) {
    if (!dir || !ids.some(wants)) continue;
    const reason = await catdbUnavailableReason(dir);
    if (!reason) continue;
    log(`${ids[0]}: not available (${reason})`);
    for (const id of ids) fixedStatus.set(id, { status: 'not-available', reason });
  }
  let pgloader: string | undefined;
  let pglVersion: string | undefined;
  if (wants('pgloader-default') || wants('pgloader-tuned')) {
    pgloader = options.skipPgloader ? undefined : findOnPath('pgloader');
    if (options.skipPgloader) {
      for (const id of ['pgloader-default', 'pgloader-tuned'] as const) fixedStatus.set(id, { status: 'skipped', reason: '--skip-pgloader' });
    } else if (!pgloader) {
      log('pgloader: not installed');
      for (const id of ['pgloader-default', 'pgloader-tuned'] as const) fixedStatus.set(id, { status: 'not-installed' });
    } else {
      pglVersion = await pgloaderVersion(pgloader);
    }
  }

  log('starting PostgreSQL…');
  const pg = await startBenchPostgres(cacheDir, signal);
  const server = pg.server;
  // Our own pg clients find the password the way libpq does; children get the same path.
  process.env.PGPASSFILE = server.passfile;
  const scales: ScaleResult[] = [];
  let online: OnlineBenchResult | undefined;
  let machine: MachineInfo;
  try {
    machine = await collectMachineInfo(databaseUrl(server, 'postgres'), Object.keys(BENCH_PG_SETTINGS), pglVersion);
    log(`${machine.postgres} on port ${server.port}; ${machine.nproc} cores, ${machine.memTotalMiB} MiB`);
    for (const [i, scale] of options.scales.entries()) {
      scales.push(await runScale(scale, scaleRows[i]!, dbPaths[i]!, server, fixedStatus, pgloader, options, signal));
    }
    if (!options.skipOnline && wants('catdb') && !fixedStatus.has('catdb')) {
      const writesPerSecond = options.onlineWritesPerSecond ?? 200;
      log(`online: ${scaleRows[0]!.toLocaleString('en-US')} media items, writer at ${writesPerSecond} writes/s…`);
      online = await measureOnline({ server, dbPath: dbPaths[0]!, rows: scaleRows[0]!, cacheDir, repoDir, writesPerSecond, timeoutMs: childTimeoutS(options, scaleRows[0]!) * 1000, signal, log });
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    log('stopping PostgreSQL…');
    await pg.close();
  }

  const ratios = scales.map(computeBenchRatios);
  const targets = [...computeBenchTargets(scales, ratios), ...(options.skipOnline ? [] : computeOnlineTargets(online))];
  const results: BenchResults = {
    version: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: ['pnpm', 'bench', ...argv.filter((a) => a !== '--')].map(shellWord).join(' '),
    options,
    machine,
    rssMethod: RSS_METHOD,
    scales,
    ratios,
    targets,
    ...(online ? { online } : {}),
    ...(options.baselineDir ? { baseline: { dir: options.baselineDir, revision: await gitRevision(options.baselineDir) } } : {}),
  };
  const jsonFile = join(cacheDir, `results-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${relative(repoDir, jsonFile)}`);
  return writeReports(results);
}

/** Writes docs/benchmarks.md and .svg, prints the summary, and returns the exit code. */
function writeReports(results: BenchResults): number {
  mkdirSync(docsDir, { recursive: true });
  writeFileSync(join(docsDir, 'benchmarks.svg'), renderBenchChart(results));
  writeFileSync(join(docsDir, 'benchmarks.md'), renderBenchMarkdown(results, { chartPath: 'benchmarks.svg' }));
  process.stdout.write(`${renderBenchSummary(results)}\n`);
  if (results.online) process.stdout.write(`${renderOnlineReport(results.online, 'text')}\n`);
  log('wrote docs/benchmarks.md and docs/benchmarks.svg');
  return benchExitCode(results.scales, results.targets);
}

async function runScale(
  scale: number,
  rows: number,
  dbPath: string,
  server: LocalPostgres,
  fixedStatus: Map<ContenderId, { status: ContenderStatus; reason?: string }>,
  pgloader: string | undefined,
  options: BenchOptions,
  signal: AbortSignal,
): Promise<ScaleResult> {
  const timeoutMs = childTimeoutS(options, rows) * 1000;
  const sqliteCounts = await countSqliteRows(dbPath, BENCH_TABLES);
  const totalRows = Object.values(sqliteCounts).reduce((a, b) => a + b, 0);
  const sqliteBytes = statSync(dbPath).size;
  log(`scale ${scale}×: ${rows.toLocaleString('en-US')} media items, ${totalRows.toLocaleString('en-US')} rows, ${(sqliteBytes / 1024 / 1024).toFixed(0)} MiB`);
  const needsCsv = options.only.some((id) => id.startsWith('copy-'));
  const csvDir = needsCsv ? await exportCsvFiles({ dbPath, cacheDir, rows, timeoutMs, signal, log }) : '';

  const state = new Map<ContenderId, ContenderResult>(
    options.only.map((id) => {
      const fixed = fixedStatus.get(id);
      return [id, { id, status: fixed?.status ?? 'ok', ...(fixed?.reason ? { reason: fixed.reason } : {}), runs: [] }];
    }),
  );

  // Runs are interleaved (every contender once, then again) so drift in the machine's
  // state spreads over all contenders instead of favouring one.
  for (let r = 1; r <= options.runs; r++) {
    for (const id of options.only) {
      const c = state.get(id)!;
      if (c.status !== 'ok') continue;
      const database = `bench_${id.replaceAll('-', '_')}`;
      await applyFreshDatabase(server, database, signal);
      const ctx: ContenderContext = { server, database, url: databaseUrl(server, database), dbPath, csvDir, benchDir, repoDir, timeoutMs, signal };
      log(`${scale}× run ${r}/${options.runs}: ${id}…`);
      const measured: ContenderRun = await measure(id, ctx, pgloader, options);
      if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('interrupted');
      const counts = await countPgRows(ctx.url, BENCH_TABLES);
      const countMismatches = compareRowCounts(sqliteCounts, counts);
      const result: RunResult = {
        wallS: measured.wallS,
        ...(measured.loadS !== undefined ? { loadS: measured.loadS } : {}),
        ...(measured.postloadS !== undefined ? { postloadS: measured.postloadS } : {}),
        peakRssKiB: measured.peakRssKiB,
        exitCode: measured.exitCode,
        counts,
        countMismatches,
        ...(measured.error ? { error: measured.error } : {}),
        processes: measured.processes,
      };
      c.runs.push(result);
      if (measured.error || countMismatches.length > 0) {
        c.status = 'failed';
        c.reason = measured.error ?? `row counts differ from SQLite (${countMismatches.join('; ')})`;
        log(`  FAILED: ${c.reason}`);
      } else {
        const split = measured.loadS !== undefined ? ` (load ${measured.loadS.toFixed(2)} s + post-load ${measured.postloadS!.toFixed(2)} s)` : '';
        log(`  ${measured.wallS.toFixed(2)} s${split}, peak RSS ${Math.round(measured.peakRssKiB / 1024)} MiB, counts match`);
      }
      await dropDatabase(server, database);
    }
  }

  const contenders = [...state.values()].map((c): ContenderResult => (c.status === 'ok' ? { ...c, summary: summarizeContender(c.runs, totalRows, sqliteBytes) } : c));
  return { scale, rows, totalRows, sqliteBytes, sqliteCounts, contenders };
}

function measure(id: ContenderId, ctx: ContenderContext, pgloader: string | undefined, options: BenchOptions): Promise<ContenderRun> {
  switch (id) {
    case 'copy-seq':
      return runCopyReference('seq', ctx);
    case 'copy-par':
      return runCopyReference('par', ctx);
    case 'catdb':
      return runCatdb(false, ctx, logDir);
    case 'catdb-verify':
      return runCatdb(true, ctx, logDir);
    case 'baseline':
    case 'baseline-verify':
      return runCatdb(id === 'baseline-verify', { ...ctx, repoDir: options.baselineDir! }, logDir);
    case 'pgloader-default':
      return runPgloader(pgloader!, false, ctx);
    case 'pgloader-tuned':
      return runPgloader(pgloader!, true, ctx);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (interrupted) {
      log('interrupted; no results written');
      process.exit(130);
    }
    process.stderr.write(`[bench] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
