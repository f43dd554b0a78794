import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Root of the repository. */
export const ROOT = resolve(import.meta.dirname, '../..');
const CORE = join(ROOT, 'packages/core');

export interface ApiExport {
  name: string;
  kind: 'function' | 'class' | 'interface' | 'type' | 'const' | 'enum' | 'namespace';
  /** The declaration as the emitted `.d.ts` has it, without comments or bodies. */
  signature: string;
  /** Whether the declaration carries a JSDoc comment. */
  documented: boolean;
}

export interface ApiEntry {
  /** The import specifier, e.g. `@catdb/core/replica`. */
  specifier: string;
  /** The entry file, relative to packages/core. */
  source: string;
  exports: ApiExport[];
}

export interface PublicApi {
  entries: ApiEntry[];
  /**
   * Packages other than Node's whose declarations a consumer's compiler loads through the
   * entries' `.d.ts` files, each with the emitted files that import it (relative to dist/).
   */
  thirdParty: Map<string, string[]>;
  /**
   * Third-party types a public declaration names, directly or through the types it refers to:
   * `export → type → … → package's type`. A consumer would need that package's types to use it.
   */
  thirdPartyTypes: string[];
}

/** The entry points package.json `exports` names: specifier → source file under src/. */
function entryPoints(): { specifier: string; source: string; declaration: string }[] {
  const pkg = JSON.parse(readFileSync(join(CORE, 'package.json'), 'utf8')) as { name: string; exports: Record<string, string | { types: string }> };
  return Object.entries(pkg.exports)
    .filter((entry): entry is [string, { types: string }] => typeof entry[1] === 'object')
    .map(([key, target]) => ({
      specifier: pkg.name + key.slice(1),
      source: target.types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts'),
      declaration: join(CORE, target.types),
    }));
}

/**
 * Emits core's declarations in memory (the same compiler options as the build, so the same
 * `.d.ts` a consumer gets, without needing a build first) and returns them by output path.
 */
function emitDeclarations(sources: string[]): Map<string, string> {
  const config = ts.getParsedCommandLineOfConfigFile(join(CORE, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } })!;
  const options: ts.CompilerOptions = { ...config.options, composite: false, incremental: false, declarationMap: false, sourceMap: false, emitDeclarationOnly: true, noEmit: false };
  // Ambient declarations of the build (untyped modules) are roots there too.
  const program = ts.createProgram([...sources, ...config.fileNames.filter((f) => f.endsWith('.d.ts'))], options);
  const emitted = new Map<string, string>();
  const result = program.emit(undefined, (file, text) => emitted.set(resolve(file), text), undefined, true);
  const errors = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics].filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' }));
  return emitted;
}

const printer = ts.createPrinter({ removeComments: true });

function kindOf(declaration: ts.Declaration): ApiExport['kind'] {
  if (ts.isFunctionDeclaration(declaration)) return 'function';
  if (ts.isClassDeclaration(declaration)) return 'class';
  if (ts.isInterfaceDeclaration(declaration)) return 'interface';
  if (ts.isTypeAliasDeclaration(declaration)) return 'type';
  if (ts.isEnumDeclaration(declaration)) return 'enum';
  if (ts.isModuleDeclaration(declaration)) return 'namespace';
  return 'const';
}

/** A declaration's text: a variable with its `const`, nothing exported or declared. */
function signatureOf(declaration: ts.Declaration): string {
  const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  const text = printer.printNode(ts.EmitHint.Unspecified, node, declaration.getSourceFile());
  return text.replace(/^export /, '').replace(/^declare /, '');
}

/**
 * Reads the public surface of @catdb/core: every name each entry point exports, as a
 * consumer's compiler sees it, and the third-party packages its declarations pull in.
 */
export function readPublicApi(): PublicApi {
  const entries = entryPoints();
  const emitted = emitDeclarations(entries.map((e) => join(CORE, e.source)));
  const host = ts.createCompilerHost({});
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => emitted.get(resolve(file)) ?? readFile(file);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => emitted.has(resolve(file)) || fileExists(file);
  const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, types: ['node'] };
  const program = ts.createProgram(entries.map((e) => e.declaration), options, host);
  const checker = program.getTypeChecker();
  const result: ApiEntry[] = entries.map((entry) => {
    const file = program.getSourceFile(entry.declaration);
    if (!file) throw new Error(`${entry.specifier}: no declarations emitted for ${entry.source}`);
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(file)!).map((symbol): ApiExport => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const declarations = target.declarations ?? [];
      return {
        name: symbol.name,
        kind: kindOf(declarations[0]!),
        signature: declarations.map(signatureOf).join('\n'),
        documented: declarations.some((d) => ts.getJSDocCommentsAndTags(ts.isVariableDeclaration(d) ? d.parent.parent : d).length > 0),
      };
    });
    return { specifier: entry.specifier, source: entry.source, exports: exports.sort((a, b) => a.name.localeCompare(b.name)) };
  });
  const thirdPartyTypes = result.flatMap((entry) => {
    const file = program.getSourceFile(entries.find((e) => e.specifier === entry.specifier)!.declaration)!;
    return checker.getExportsOfModule(checker.getSymbolAtLocation(file)!).flatMap((symbol) => foreignTypeChains(checker, symbol, `${entry.specifier}: ${symbol.name}`));
  });
  return { entries: result, thirdParty: thirdPartyImports(program), thirdPartyTypes: [...new Set(thirdPartyTypes)].sort() };
}

/** Packages (other than Node's types) imported by the emitted declarations a consumer loads. */
function thirdPartyImports(program: ts.Program): Map<string, string[]> {
  const dist = join(CORE, 'dist');
  const found = new Map<string, string[]>();
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(dist + '/')) continue;
    // `import … from 'x'` and the inline `import('x').T` the compiler writes into .d.ts files.
    for (const [, specifier] of file.text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)['"]([^'"]+)['"]/g)) {
      if (specifier!.startsWith('.') || specifier!.startsWith('node:')) continue;
      const name = specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!;
      found.set(name, [...new Set([...(found.get(name) ?? []), relative(dist, file.fileName)])].sort());
    }
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

/** Whether a declaration file belongs to Node or TypeScript rather than to a package. */
function isPlatform(fileName: string): boolean {
  return /\/node_modules\/(typescript\/lib|@types\/node)\//.test(fileName);
}

/**
 * The chains from `symbol` to a declaration outside core's own `.d.ts` (and outside Node and
 * the standard library), following every type its declarations name.
 */
function foreignTypeChains(checker: ts.TypeChecker, symbol: ts.Symbol, label: string): string[] {
  const dist = join(CORE, 'dist') + '/';
  const seen = new Set<ts.Symbol>();
  const chains: string[] = [];
  const visitSymbol = (start: ts.Symbol, path: string): void => {
    const target = start.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(start) : start;
    if (seen.has(target) || target.flags & ts.SymbolFlags.TypeParameter) return;
    seen.add(target);
    for (const declaration of target.declarations ?? []) {
      const fileName = declaration.getSourceFile().fileName;
      if (isPlatform(fileName)) continue;
      if (!fileName.startsWith(dist)) {
        chains.push(`${path} → ${checker.getFullyQualifiedName(target)} (${fileName.slice(fileName.lastIndexOf('node_modules/') + 13)})`);
        continue;
      }
      visitNode(declaration, path);
    }
  };
  const visitNode = (node: ts.Node, path: string): void => {
    const name = ts.isTypeReferenceNode(node) ? node.typeName : ts.isExpressionWithTypeArguments(node) ? node.expression : ts.isTypeQueryNode(node) ? node.exprName : ts.isImportTypeNode(node) ? node.qualifier : undefined;
    const symbol = name && checker.getSymbolAtLocation(name);
    if (symbol) visitSymbol(symbol, `${path} → ${name!.getText()}`);
    ts.forEachChild(node, (child) => visitNode(child, path));
  };
  visitSymbol(symbol, label);
  return chains;
}
