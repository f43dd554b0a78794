import { describe, expect, it } from 'vitest';
import { TRIGGER_BODY_TAG, translateTrigger } from './translate-trigger.js';
import type { TriggerRelation } from './trigger-relations.js';

const table = (target: string, columns: string[], primaryKey: string[] = ['id'], rowidAlias: string | undefined = 'id'): TriggerRelation => ({
  kind: 'table',
  target,
  columns: new Map(columns.map((c) => [c.toLowerCase(), c.toLowerCase()])),
  primaryKey,
  ...(rowidAlias ? { rowidAlias } : {}),
});
const RELATIONS: Record<string, TriggerRelation> = {
  jobs: { ...table('jobs', ['id', 'status', 'updated_at', 'completed_at', 'n']), kinds: new Map([['updated_at', 'timestamp' as const]]) },
  log: table('log', ['id', 'job', 'what']),
  unit: table('unit', ['code', 'type'], ['code'], undefined),
  codes: table('codes', ['code', 'type'], ['code'], ''),
  v: { kind: 'view', target: 'v', columns: new Map([['x', 'x']]), primaryKey: [] },
  blind: { kind: 'view', target: 'blind', columns: new Map(), primaryKey: [] },
};
const options = { schema: 's', identifiers: 'lower' as const, booleans: new Set<string>(), relations: (n: string) => RELATIONS[n.toLowerCase()] };
const translate = (sql: string) => translateTrigger('t1', sql, options);

describe('translateTrigger', () => {
  it('turns "touch updated_at" into a BEFORE trigger assigning NEW, WHEN tested in the function', () => {
    const r = translate(`CREATE TRIGGER t1 AFTER UPDATE ON jobs FOR EACH ROW WHEN NEW.status = 'done' AND OLD.status != 'done' BEGIN UPDATE jobs SET completed_at = CURRENT_TIMESTAMP WHERE id = NEW.id; END`);
    expect(r).toEqual({
      target: 't1',
      shape: 'touch',
      reads: [],
      statements: [
        `CREATE FUNCTION "s"."t1"() RETURNS trigger LANGUAGE plpgsql SET search_path = "s" AS ${TRIGGER_BODY_TAG}\nBEGIN\n  IF ("new"."status" = 'done' AND "old"."status" <> 'done') IS NOT TRUE THEN RETURN NEW; END IF;\n  NEW."completed_at" := CURRENT_TIMESTAMP;\n  RETURN NEW;\nEND\n${TRIGGER_BODY_TAG}`,
        'CREATE TRIGGER "t1" BEFORE UPDATE ON "s"."jobs" FOR EACH ROW EXECUTE FUNCTION "s"."t1"()',
      ],
    });
  });

  it('turns SELECT RAISE(ABORT, msg) WHERE … into IF EXISTS … RAISE EXCEPTION, keeping the message as a literal', () => {
    const r = translate(`CREATE TRIGGER 't1' BEFORE UPDATE OF "Status" ON jobs BEGIN SELECT RAISE(ABORT, 'it''s bad') WHERE (SELECT type FROM unit WHERE code = NEW.n) != 'length'; END`);
    expect('statements' in r && r.shape).toBe('raise');
    if (!('statements' in r)) return;
    expect(r.statements[0]).toContain(`IF EXISTS (SELECT 1 WHERE (SELECT "type" FROM "unit" WHERE "code" = "new"."n") <> 'length') THEN RAISE EXCEPTION USING MESSAGE = 'it''s bad'; END IF;`);
    expect(r.statements[1]).toBe('CREATE TRIGGER "t1" BEFORE UPDATE OF "status" ON "s"."jobs" FOR EACH ROW EXECUTE FUNCTION "s"."t1"()');
  });

  it('runs INSERT, UPDATE and DELETE bodies on NEW/OLD as they are, rowid read as its alias', () => {
    const r = translate(`CREATE TRIGGER t1 AFTER DELETE ON jobs BEGIN INSERT INTO log (job, what) VALUES (OLD.rowid, 'gone'); UPDATE jobs SET n = n - 1 WHERE n > OLD.n; DELETE FROM log WHERE job = OLD.id; END`);
    expect('statements' in r && r.shape).toBe('statements');
    if (!('statements' in r)) return;
    expect(r.statements[0]).toContain(`INSERT INTO "log" ("job", "what") VALUES ("old"."id", 'gone');\n  UPDATE "jobs" SET "n" = "n" - 1 WHERE "n" > "old"."n";\n  DELETE FROM "log" WHERE "job" = "old"."id";\n  RETURN NULL;`);
    expect(r.statements[1]).toContain('AFTER DELETE ON "s"."jobs"');
  });

  it('keeps an AFTER trigger whose assignment reads the table itself (the row is there only after)', () => {
    const r = translate(`CREATE TRIGGER t1 AFTER INSERT ON jobs BEGIN UPDATE jobs SET n = (SELECT max(n) FROM jobs) + 1 WHERE rowid = new.rowid; END`);
    expect('statements' in r && r.shape).toBe('statements');
    if ('statements' in r) expect(r.statements[0]).toContain('UPDATE "jobs" SET "n" = (SELECT max("n") FROM "jobs") + 1 WHERE "id" = "new"."id";');
  });

  it('gives CURRENT_TIMESTAMP SQLite\'s UTC meaning for the column\'s kind, as a default would', () => {
    const r = translate(`CREATE TRIGGER t1 AFTER UPDATE ON jobs BEGIN UPDATE jobs SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id; END`);
    expect('statements' in r && r.statements[0]).toContain(`NEW."updated_at" := (now() AT TIME ZONE 'UTC');`);
  });

  it('carries INSTEAD OF on a view, returning NEW so the statement counts its row', () => {
    const r = translate(`CREATE TRIGGER t1 INSTEAD OF INSERT ON v WHEN NEW.x IS NOT NULL BEGIN INSERT INTO log (what) VALUES (NEW.x); END`);
    expect('statements' in r && r.reads).toEqual(['v']);
    if (!('statements' in r)) return;
    expect(r.statements[0]).toContain(`IF ("new"."x" IS NOT NULL) IS NOT TRUE THEN RETURN NEW; END IF;\n  INSERT INTO "log" ("what") VALUES ("new"."x");\n  RETURN NEW;`);
    expect(r.statements[1]).toBe('CREATE TRIGGER "t1" INSTEAD OF INSERT ON "s"."v" FOR EACH ROW EXECUTE FUNCTION "s"."t1"()');
  });

  it.each([
    [`datetime('now')`, `(now() AT TIME ZONE 'UTC')`],
    [`strftime('%Y-%m-%d %H:%M:%S', 'now')`, `(now() AT TIME ZONE 'UTC')`],
    [`CURRENT_TIMESTAMP`, `(now() AT TIME ZONE 'UTC')`],
  ])('touch with %s, WHERE id = OLD.id: the UTC time a default would get', (value, expected) => {
    const r = translate(`CREATE TRIGGER t1 AFTER UPDATE ON jobs BEGIN UPDATE jobs SET updated_at = ${value} WHERE id = OLD.id; END`);
    expect('statements' in r && r.statements[0]).toContain(`NEW."updated_at" := ${expected};`);
  });

  it('a body naming a column the table lacks fails whenever it fires, with SQLite\'s error, before WHEN', () => {
    const r = translate(`CREATE TRIGGER t1 BEFORE UPDATE OF what ON log WHEN NEW.what IS NULL BEGIN SELECT RAISE(ABORT, 'x') WHERE NEW.whatIS NOT NULL; END`);
    expect('statements' in r && r.shape).toBe('fails');
    if (!('statements' in r)) return;
    expect(r.statements[0]).toContain(`BEGIN\n  RAISE EXCEPTION USING MESSAGE = 'no such column: NEW.whatIS';\n  RETURN NEW;\nEND`);
    expect(r.statements[1]).toBe('CREATE TRIGGER "t1" BEFORE UPDATE OF "what" ON "s"."log" FOR EACH ROW EXECUTE FUNCTION "s"."t1"()');
  });

  it('reads rowid as the alias of the one table a SELECT reads, and as NULL for a subquery, as SQLite does', () => {
    const one = translate(`CREATE TRIGGER t1 BEFORE INSERT ON log BEGIN SELECT RAISE(ABORT, 'x') WHERE NOT EXISTS (SELECT rowid FROM jobs AS j WHERE rowid = NEW.job); END`);
    expect('statements' in one && one.statements[0]).toContain('NOT EXISTS (SELECT "id" FROM "jobs" AS "j" WHERE "id" = "new"."job")');
    const derived = translate(`CREATE TRIGGER t1 BEFORE INSERT ON log BEGIN SELECT RAISE(ABORT, 'x') WHERE NOT EXISTS (SELECT rowid FROM (SELECT NEW.what AS w) WHERE rowid = NEW.job); END`);
    expect('statements' in derived && derived.statements[0]).toContain('NOT EXISTS (SELECT NULL FROM (SELECT "new"."what" AS "w") AS "subquery_');
    expect('statements' in derived && derived.statements[0]).toContain('WHERE NULL = "new"."job")');
  });

  it('reads sqlite_master as catdb_sqlite.sqlite_master when compat functions are allowed', () => {
    const r = translateTrigger('t1', `CREATE TRIGGER t1 BEFORE INSERT ON log BEGIN SELECT RAISE(ABORT, 'x') WHERE NOT NEW.what IN (SELECT name FROM SQLITE_MASTER WHERE type = 'table' AND sql LIKE '%' || NEW.what || '%'); END`, { ...options, compatFunctions: true });
    expect('statements' in r && r.compat).toEqual(['sqlite_master']);
    expect('statements' in r && r.statements[0]).toContain(`NOT "new"."what" IN (SELECT "name" FROM "catdb_sqlite"."sqlite_master" WHERE "type" = 'table' AND "sql" ILIKE '%' || "new"."what" || '%')`);
  });

  it('touch: rowid = NEW.rowid names the row in a table whose key is not its rowid; a key of another kind does not', () => {
    const r = translate(`CREATE TRIGGER t1 AFTER UPDATE ON codes BEGIN UPDATE codes SET type = 'x' WHERE rowid = new.rowid; END`);
    expect('statements' in r && r.shape).toBe('touch');
    const mixed = translate(`CREATE TRIGGER t1 AFTER INSERT ON codes BEGIN UPDATE codes SET type = 'x' WHERE code = new.rowid; END`);
    expect('statements' in mixed && mixed.shape).not.toBe('touch');
  });

  it('keeps a body that writes its own table with its own event from firing itself, as SQLite does', () => {
    const r = translate(`CREATE TRIGGER t1 AFTER UPDATE ON jobs BEGIN UPDATE jobs SET n = n + 1 WHERE id = OLD.id; END`);
    if (!('statements' in r)) throw new Error(r.untranslated);
    const body = r.statements[0];
    const flag = /current_setting\('(catdb\.firing_[0-9a-f]{24})', true\) = 'on' THEN RETURN NULL/.exec(body)?.[1];
    expect(flag).toBeDefined();
    expect(body.indexOf(`set_config('${flag}', 'on', true)`)).toBeLessThan(body.indexOf('UPDATE "jobs"'));
    expect(body.indexOf(`set_config('${flag}', '', true)`)).toBeGreaterThan(body.indexOf('UPDATE "jobs"'));
    // Another trigger writing the same table is not guarded: only a trigger already running is skipped.
    const other = translate(`CREATE TRIGGER t2 AFTER INSERT ON jobs BEGIN UPDATE jobs SET n = 0 WHERE id = NEW.id; END`);
    expect('statements' in other && other.statements[0]).not.toMatch(/firing_/);
  });

  it('records the views a body reads', () => {
    const r = translate(`CREATE TRIGGER t1 BEFORE INSERT ON log BEGIN SELECT RAISE(FAIL, 'no') WHERE NOT EXISTS (SELECT 1 FROM v WHERE v.x = NEW.job); END`);
    expect('reads' in r && r.reads).toEqual(['v']);
  });

  it.each([
    ['RAISE(IGNORE)', `CREATE TRIGGER t1 BEFORE DELETE ON jobs BEGIN SELECT RAISE(IGNORE); END`, /RAISE\(IGNORE\)/],
    ['a table PostgreSQL lacks', `CREATE TRIGGER t1 BEFORE INSERT ON log BEGIN SELECT RAISE(ABORT, 'x') WHERE NOT EXISTS (SELECT 1 FROM sqlite_master); END`, /reads "sqlite_master"/],
    ['a function PostgreSQL lacks', `CREATE TRIGGER t1 AFTER INSERT ON log WHEN NOT ST_IsEmpty(NEW.what) BEGIN DELETE FROM log WHERE id = 0; END`, /calls "st_isempty"\(\)/],
    ['NEW in a DELETE trigger', `CREATE TRIGGER t1 AFTER DELETE ON log BEGIN DELETE FROM jobs WHERE id = NEW.job; END`, /NEW in a DELETE trigger/],
    ['BEFORE on a view', `CREATE TRIGGER t1 BEFORE INSERT ON v BEGIN INSERT INTO log (what) VALUES (NEW.x); END`, /does not fire in SQLite/],
    ['INSTEAD OF on a view whose columns SQLite cannot tell', `CREATE TRIGGER t1 INSTEAD OF INSERT ON blind BEGIN INSERT INTO log (what) VALUES (NEW.x); END`, /cannot tell the columns/],
    ['INSERT OR REPLACE', `CREATE TRIGGER t1 AFTER INSERT ON jobs BEGIN INSERT OR REPLACE INTO log VALUES (NEW.id, 1, 'x'); END`, /INSERT OR REPLACE/],
    ['a bare rowid in a join', `CREATE TRIGGER t1 BEFORE INSERT ON log BEGIN SELECT RAISE(ABORT, 'x') WHERE NOT EXISTS (SELECT 1 FROM jobs, log WHERE rowid = NEW.job); END`, /rowid/],
    ['a bare rowid of a table without an alias for it', `CREATE TRIGGER t1 BEFORE INSERT ON log BEGIN SELECT RAISE(ABORT, 'x') WHERE NOT EXISTS (SELECT 1 FROM codes WHERE rowid = NEW.job); END`, /rowid/],
    ['a statement separator hidden in a string', `CREATE TRIGGER t1 BEFORE INSERT ON log BEGIN SELECT RAISE(ABORT, 'x') WHERE NEW.what = ';'; SELECT x; END`, /SELECT/],
    ['the body quote inside a literal', `CREATE TRIGGER t1 BEFORE INSERT ON log BEGIN SELECT RAISE(ABORT, 'a ${TRIGGER_BODY_TAG} b') WHERE NEW.what IS NULL; END`, /\$catdb_trigger\$/],
  ])('refuses %s', (_what, sql, reason) => {
    const r = translate(sql);
    expect('untranslated' in r && r.untranslated).toMatch(reason);
  });
});
