import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The package's public surface, read the way a consumer's compiler reads it.

const index = join(import.meta.dirname, 'index.ts');
const program = ts.createProgram([index], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true });
const checker = program.getTypeChecker();
const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index)!)!).map((symbol) => {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const file = target.declarations?.[0]?.getSourceFile().fileName ?? '';
  return { name: symbol.name, target, file: file.slice(file.indexOf('/src/') + 5) };
});

describe('public API of @catdb/core', () => {
  it('every exported function and class has a doc comment', () => {
    const undocumented = exported
      .filter(({ target }) => target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class))
      .filter(({ target }) => ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === '')
      .map(({ name, file }) => `${name} (${file})`);
    expect(undocumented).toEqual([]);
  });

  it('exports nothing from the CLI and no default export', () => {
    expect(exported.map((e) => e.name)).not.toContain('default');
    expect(exported.filter((e) => e.file.includes('cli/'))).toEqual([]);
  });

  it.each(['migrateSqliteToPg', 'verifyMigration', 'planSqliteMigration', 'renderPlanSql', 'introspectSqlite', 'planMigration', 'parseCastRule', 'preparePrimary', 'initReplica', 'getReplicationStatus', 'checkReplicaLag', 'renderPgbouncerConfig', 'initPgbouncer', 'checkPgbouncer', 'startSandbox', 'stopSandbox', 'CatdbError', 'isCatdbError'])(
    'exports %s',
    (name) => {
      expect(exported.map((e) => e.name)).toContain(name);
    },
  );
});
