import { readFileSync } from 'node:fs';
import ts from 'typescript';

export interface ErrorCodeEntry {
  code: string;
  /** The `/** … *\/` comment on the union member, '' when none. */
  doc: string;
}

/** The members of `CatdbErrorCode` in errors.ts, in declaration order, read with the TypeScript parser. */
export function readErrorCodes(file: string): ErrorCodeEntry[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'CatdbErrorCode');
  if (!alias || !ts.isUnionTypeNode(alias.type)) throw new Error(`${file}: no union type CatdbErrorCode`);
  return alias.type.types.map((member) => {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) throw new Error(`${file}: CatdbErrorCode member ${member.getText()} is not a string literal`);
    const comments = ts.getLeadingCommentRanges(text, member.getFullStart()) ?? [];
    const doc = comments
      .map((c) => text.slice(c.pos, c.end))
      .filter((c) => c.startsWith('/**'))
      .map((c) => c.replace(/^\/\*\*|\*\/$/g, '').replace(/^\s*\* ?/gm, '').replace(/\s+/g, ' ').trim())
      .join(' ');
    return { code: member.literal.text, doc };
  });
}
