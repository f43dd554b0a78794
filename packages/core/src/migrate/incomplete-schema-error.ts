import { CatdbError } from '../errors.js';
import type { IncompleteObject } from './incomplete-objects.js';

const SHOWN = 5;

/** MIGRATION_INCOMPLETE_SCHEMA for a run whose data committed while some objects were not created. */
export function incompleteSchemaError(schema: string, incomplete: readonly IncompleteObject[]): CatdbError {
  // The first few name the problem; all of them, with their SQL, are in details (and the CLI's summary).
  const lines = incomplete.slice(0, SHOWN).map((o) => `${o.kind} ${JSON.stringify(o.name)}: ${o.reason.split('\n')[0]}`);
  if (incomplete.length > SHOWN) lines.push(`… and ${incomplete.length - SHOWN} more`);
  return new CatdbError('MIGRATION_INCOMPLETE_SCHEMA', `The data was loaded into schema ${schema}, but ${incomplete.length} object(s) of the source were not created:\n  ${lines.join('\n  ')}`, {
    hint: 'Create them by hand from the SQL listed with each (details.incomplete), or accept an incomplete schema up front with --allow-incomplete-schema.',
    details: { schema, incomplete },
  });
}
