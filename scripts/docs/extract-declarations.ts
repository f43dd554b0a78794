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
      // From its own doc comment, not from the file's header comment that may stand above it.
      const docs = ts.getJSDocCommentsAndTags(node);
      const start = docs.length > 0 ? docs[0]!.getStart() : node.getStart();
      return text.slice(start, node.getEnd()).trimEnd();
    })
    .join('\n\n');
}
