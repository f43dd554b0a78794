import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * The source text (with its doc comment) of the named top-level types and interfaces of a
 * file, in the order asked, so the docs quote the definitions the code compiles against.
 * Throws when a name is missing, so a rename breaks `pnpm docs` instead of the page.
 */
export function extractDeclarations(file: string, names: readonly string[]): string {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  return names
    .map((name) => {
      const node = source.statements.find((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name);
      if (!node) throw new Error(`${file}: no type or interface named ${name}`);
      return text.slice(node.getFullStart(), node.getEnd()).replace(/^\s*\n/, '').trimEnd();
    })
    .join('\n\n');
}
