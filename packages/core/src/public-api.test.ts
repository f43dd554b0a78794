import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPublicApi, type PublicApi } from '../../../scripts/api/read-public-api.js';
import { renderApiReport } from '../../../scripts/api/render-api-report.js';

// The package's public surface, read from the declarations a consumer's compiler reads.

const REPORT = join(import.meta.dirname, '../api-report.md');
/** The root entry is the migration surface; everything else belongs to a subpath. */
const ROOT_LIMIT = 40;

/**
 * The sections of a report by heading (`## entry` / `### name (kind)`), so a difference names
 * the export that changed instead of a line number.
 */
function sections(report: string): Map<string, string> {
  const out = new Map<string, string>();
  let entry = '';
  let key = '(top)';
  for (const line of report.split('\n')) {
    if (line.startsWith('## ')) entry = key = line.slice(3);
    else if (line.startsWith('### ')) key = `${entry} › ${line.slice(4)}`;
    out.set(key, (out.get(key) ?? '') + line + '\n');
  }
  return out;
}

/** What changed from the committed report to the current one, section by section, diff-like. */
function describeChanges(committed: string, current: string): string {
  const before = sections(committed);
  const after = sections(current);
  const lines: string[] = [];
  for (const [key, text] of after) {
    if (!before.has(key)) lines.push(`+ ${key}`);
    else if (before.get(key) !== text) {
      lines.push(`~ ${key}`);
      const old = new Set(before.get(key)!.split('\n'));
      const now = new Set(text.split('\n'));
      for (const l of before.get(key)!.split('\n')) if (!now.has(l)) lines.push(`    - ${l}`);
      for (const l of text.split('\n')) if (!old.has(l)) lines.push(`    + ${l}`);
    }
  }
  for (const key of before.keys()) if (!after.has(key)) lines.push(`- ${key}`);
  return lines.join('\n');
}

let api: PublicApi;
beforeAll(() => {
  api = readPublicApi();
}, 180_000);

const exportsOf = (specifier: string): string[] => api.entries.find((e) => e.specifier === specifier)?.exports.map((e) => e.name) ?? [];

describe('public API of @catdb/core', () => {
  it('matches the committed packages/core/api-report.md (regenerate it with pnpm api-report)', () => {
    const committed = readFileSync(REPORT, 'utf8');
    const current = renderApiReport(api);
    if (committed !== current) expect.fail(`The public API changed but packages/core/api-report.md did not; run pnpm api-report and commit it.\n${describeChanges(committed, current)}`);
  });

  it('names a change by entry and export', () => {
    const report = '## @catdb/core\n\n### a (function)\n\n```ts\nfunction a(): void;\n```\n\n### b (const)\n';
    const changed = report.replace('a(): void', 'a(x: string): void').replace('### b (const)\n', '### c (const)\n');
    expect(describeChanges(report, changed).split('\n')).toEqual([
      '~ @catdb/core › a (function)',
      '    - function a(): void;',
      '    + function a(x: string): void;',
      '+ @catdb/core › c (const)',
      '- @catdb/core › b (const)',
    ]);
  });

  it(`keeps the root entry to at most ${ROOT_LIMIT} names`, () => {
    expect(exportsOf('@catdb/core').length).toBeGreaterThan(0);
    expect(exportsOf('@catdb/core').length, exportsOf('@catdb/core').join(', ')).toBeLessThanOrEqual(ROOT_LIMIT);
  });

  it('documents every export of every entry point', () => {
    const undocumented = api.entries.flatMap((entry) => entry.exports.filter((e) => !e.documented).map((e) => `${entry.specifier}: ${e.name} (${e.kind})`));
    expect(undocumented).toEqual([]);
  });

  it('names no type of another package in a public declaration', () => {
    expect(api.thirdPartyTypes).toEqual([]);
  });

  // The drivers' declaration packages are devDependencies: a user's compiler must not meet an
  // import of 'pg' or 'better-sqlite3' in any .d.ts it loads through an entry point.
  it('loads no declarations of another package through any entry point', () => {
    expect(Object.fromEntries(api.thirdParty)).toEqual({});
  });

  it('has no default export and nothing from the CLI', () => {
    for (const entry of api.entries) {
      expect(entry.exports.map((e) => e.name)).not.toContain('default');
      expect(entry.exports.filter((e) => e.signature.includes('commander') || e.signature.includes('listr2'))).toEqual([]);
    }
  });

  it.each([
    ['@catdb/core', ['migrateSqliteToPg', 'planSqliteMigration', 'renderPlanSql', 'verifyMigration', 'parseCastRule', 'DEFAULT_CAST_RULES', 'CastRule', 'CatdbError', 'isCatdbError', 'CatdbErrorCode', 'MigrationEvent', 'MigrationEventHandler']],
    ['@catdb/core/replica', ['preparePrimary', 'initReplica', 'getReplicationStatus', 'checkReplicaLag', 'promoteReplica', 'ReplicaEvent']],
    ['@catdb/core/pgbouncer', ['renderPgbouncerConfig', 'initPgbouncer', 'checkPgbouncer', 'stopPgbouncer', 'PgbouncerEvent']],
    ['@catdb/core/sandbox', ['startSandbox', 'stopSandbox', 'sandboxStatus', 'SandboxEvent']],
    ['@catdb/core/online', ['migrateOnline', 'cutover', 'onlineAbort', 'OnlineEvent']],
    ['@catdb/core/local', ['resolveTarget', 'startLocalServer', 'startLocalPostgres', 'createDatabaseIfMissing']],
    ['@catdb/core/monitoring', ['CHECK_EXIT_CODE', 'renderNagiosStatus']],
    ['@catdb/core/fs', ['claimDir', 'writeOwnedFile', 'isCatdbDir']],
  ])('%s exports %j', (specifier, names) => {
    expect(exportsOf(specifier)).toEqual(expect.arrayContaining(names));
  });
});
