import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The folders of src/ import one way only, as the table in docs/architecture.md says.

const SRC = import.meta.dirname;
const DOC = join(SRC, '../../../docs/architecture.md');

interface Edge {
  from: string;
  to: string;
  file: string;
}

/** `folder` of a file under src/, or `(root)` for the files next to index.ts. */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0]! : '(root)';
}

/** The relative specifiers a file imports at run time (`import type` and `export type` are erased, so left out). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allTypes = clause !== undefined && (clause.isTypeOnly || (!clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)));
      if (!allTypes) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause;
      const allTypes = node.isTypeOnly || (named !== undefined && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly));
      if (!allTypes) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0]!)) {
      specifiers.push((node.arguments[0] as ts.StringLiteral).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.filter((s) => s.startsWith('.'));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

// index.ts is the public entry: it re-exports every layer and nothing imports it.
const files = sourceFiles(SRC).filter((f) => f !== join(SRC, 'index.ts'));
const edges: Edge[] = files.flatMap((file) =>
  valueImports(file)
    .map((spec) => ({ from: folderOf(file), to: folderOf(resolve(dirname(file), spec)), file: relative(SRC, file) }))
    .filter((e) => e.from !== e.to),
);

/** The "May import" table of docs/architecture.md: folder → folders it may import. */
function allowedTable(): Map<string, Set<string>> {
  const rows = readFileSync(DOC, 'utf8')
    .split('\n')
    .filter((line) => /^\| `[a-z-]+` \|/.test(line));
  return new Map(
    rows.map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      const names = (cell: string) => [...cell.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!);
      return [names(cells[1]!)[0]!, new Set(names(cells[cells.length - 2]!))];
    }),
  );
}

/** One cycle of the folder graph as `a -> b -> … -> a`, or undefined when there is none. */
function findCycle(graph: Map<string, Set<string>>): string | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const walk = (node: string): string | undefined => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next].join(' -> ');
      if (!state.has(next)) {
        const found = walk(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const found = walk(node);
    if (found) return found;
  }
  return undefined;
}

function graphOf(list: readonly Edge[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const e of list) graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
  return graph;
}

describe('imports between the folders of packages/core/src', () => {
  it('finds imports to check (the walk itself works)', () => {
    expect(edges.some((e) => e.from === 'migrate' && e.to === 'plan')).toBe(true);
    expect(findCycle(graphOf([{ from: 'a', to: 'b', file: '' }, { from: 'b', to: 'c', file: '' }, { from: 'c', to: 'a', file: '' }]))).toBe('a -> b -> c -> a');
    expect(findCycle(graphOf([{ from: 'a', to: 'b', file: '' }, { from: 'a', to: 'c', file: '' }, { from: 'b', to: 'c', file: '' }]))).toBeUndefined();
  });

  it('has no cycle between folders', () => {
    const cycle = findCycle(graphOf(edges));
    if (cycle) expect.fail(`import cycle between folders: ${cycle} (docs/architecture.md says which way each may import)`);
  });

  it('imports only what docs/architecture.md allows', () => {
    const table = allowedTable();
    const root = edges.filter((e) => e.from === '(root)');
    expect(root.map((e) => `${e.file} -> ${e.to}`), 'the files at the root of src/ import no folder').toEqual([]);
    const wrong = edges
      .filter((e) => e.from !== '(root)' && e.to !== '(root)')
      .filter((e) => !table.get(e.from)?.has(e.to))
      .map((e) => `${e.file} imports ${e.to}/`);
    expect([...new Set(wrong)].sort()).toEqual([]);
  });

  it('places every folder in the table of docs/architecture.md, and the table has no cycle', () => {
    const table = allowedTable();
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.filter((f) => !table.has(f)).sort()).toEqual([]);
    const tableEdges = [...table].flatMap(([from, tos]) => [...tos].map((to) => ({ from, to, file: '' })));
    expect(findCycle(graphOf(tableEdges))).toBeUndefined();
  });
});
