import { CatdbError } from '../errors.js';
import { PG_MAX_IDENTIFIER_BYTES, truncateIdentifier } from '../pg/fold-identifier.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * The names taken in one PostgreSQL schema's relation namespace: tables, views, sequences
 * and indexes, and so primary keys and unique constraints, which are indexes by the same
 * name. Every name catdb makes up is taken here, so that it is at most 63 bytes (the server
 * would otherwise cut it, maybe into a name already taken) and differs from every other.
 * `owner` describes the source object holding a name, e.g. `table "Orders"`; a clash
 * names both owners.
 */
export class RelationNames {
  private readonly owners = new Map<string, string>();

  /** `hint` makes the hint of MAP_IDENTIFIER_COLLISION when a name cannot be changed; `source` is the SQLite name --exclude would take. */
  constructor(private readonly hint: (source: string | undefined) => string) {}

  /** Who took `name`, if anyone. */
  ownerOf(name: string): string | undefined {
    return this.owners.get(name);
  }

  /**
   * Takes `name` as it is: a table or view name, or a name the server will choose itself.
   * Throws MAP_IDENTIFIER_COLLISION naming both owners when it is taken.
   */
  reserve(name: string, owner: string, source?: string): void {
    const other = this.owners.get(name);
    if (other !== undefined) {
      throw new CatdbError('MAP_IDENTIFIER_COLLISION', `${capitalise(other)} and ${owner} both become "${name}" in PostgreSQL`, {
        hint: this.hint(source),
        details: { first: other, second: owner, target: name },
      });
    }
    this.owners.set(name, owner);
  }

  /**
   * Takes the name PostgreSQL gives an object it names itself (the sequence of a serial
   * column: `<table>_<column>_seq`, shortened by makeObjectName). False when another object
   * has that name already: the object must then be created under a name from `generate`.
   */
  takeImplicit(table: string, columns: readonly string[], label: string, owner: string): boolean {
    const name = objectName(table, columns, label);
    if (this.owners.has(name)) return false;
    this.owners.set(name, owner);
    return true;
  }

  /**
   * A name for a key, constraint or index catdb names itself: `<table>_<columns>_<label>`
   * shortened the way PostgreSQL shortens its own (the longer of table and columns loses
   * bytes first; the label stays whole), then `<label>1`, `<label>2`… while taken.
   */
  generate(table: string, columns: readonly string[], label: string, owner: string): string {
    return this.first((n) => objectName(table, columns, n === 0 ? label : `${label}${n}`), owner);
  }

  /** A name the source gave (an index, a named constraint): cut to 63 bytes, then `_1`, `_2`… while taken. */
  claim(name: string, owner: string): string {
    return this.first((n) => {
      const suffix = n === 0 ? '' : `_${n}`;
      return truncateIdentifier(name, PG_MAX_IDENTIFIER_BYTES - bytes(suffix)) + suffix;
    }, owner);
  }

  /** The first candidate that is free; every candidate already fits in 63 bytes, so the server keeps it whole. */
  private first(candidate: (attempt: number) => string, owner: string): string {
    for (let n = 0; ; n++) {
      const name = candidate(n);
      if (!this.owners.has(name)) {
        this.owners.set(name, owner);
        return name;
      }
    }
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * PostgreSQL's makeObjectName (src/backend/commands/indexcmds.c): `name1_name2_label`
 * within 63 bytes, taking bytes from the longer of the two names first and cutting each
 * on a character boundary.
 */
function objectName(name1: string, columns: readonly string[], label: string): string {
  const name2 = columns.length > 0 ? columns.join('_') : undefined;
  const available = PG_MAX_IDENTIFIER_BYTES - (name2 === undefined ? 0 : 1) - (bytes(label) + 1);
  let n1 = bytes(name1);
  let n2 = name2 === undefined ? 0 : bytes(name2);
  while (n1 + n2 > available) {
    if (n1 > n2) n1--;
    else n2--;
  }
  const parts = [truncateIdentifier(name1, n1), ...(name2 === undefined ? [] : [truncateIdentifier(name2, n2)]), label];
  return parts.join('_');
}
