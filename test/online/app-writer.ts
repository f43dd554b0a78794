// The application of the online tests: writes to app.db at a steady rate until SIGTERM, the
// way an application would (its own connection, busy timeout, small transactions), and logs
// every write with its start and end time and, when it committed, the rows it left.
//
//   node tsx/cli.mjs app-writer.ts <db> <log.ndjson> <writes per second> [seed]
import { appendFileSync } from 'node:fs';
import { createRng } from '../../fixtures/catalogizer/create-rng.js';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';

const [file, logFile, rateArg, seedArg] = process.argv.slice(2);
const rate = Number(rateArg);
const rng = createRng(Number(seedArg ?? 1));
const Database = loadBetterSqlite3();
const db = new Database(file!);
// The application's busy timeout: a paused write waits, it does not fail.
db.pragma('busy_timeout = 30000');

type Row = Record<string, unknown> | null;
/** What one committed write left: table, key (as JSON), and the row now (null: gone). */
type Effect = { table: string; key: string; row: Row };

const ids = (sql: string): unknown[] => db.prepare(sql).pluck().all();
const items = ids('SELECT id FROM items ORDER BY id DESC LIMIT 500') as number[];
const tags = (db.prepare('SELECT name, item_id FROM tags LIMIT 500').raw().all() as [string, number][]).map(([n, i]) => [n, i] as const);
const users = ids('SELECT email FROM users') as string[];
const events = ids('SELECT id FROM events') as number[];

const read = {
  items: db.prepare('SELECT * FROM items WHERE id = ?'),
  tags: db.prepare('SELECT * FROM tags WHERE name = ? AND item_id = ?'),
  users: db.prepare('SELECT * FROM users WHERE email = ?'),
  events: db.prepare('SELECT * FROM events WHERE id = ?'),
};
const rowOf = (table: keyof typeof read, ...key: unknown[]): Row => {
  const r = read[table].get(...key) as Record<string, unknown> | undefined;
  if (!r) return null;
  for (const [k, v] of Object.entries(r)) if (Buffer.isBuffer(v)) r[k] = { hex: v.toString('hex') };
  return r;
};
const now = (): string => new Date().toISOString().replace('T', ' ').slice(0, 23);
let n = 0;

/** One write (some are transactions of several statements); returns what it changed. */
function write(): { op: string; effects: () => Effect[] } {
  n++;
  const pick = rng.int(12);
  if (pick <= 2 || items.length < 5) {
    const id = Number(db.prepare('INSERT INTO items (title, price, updated_at) VALUES (?, ?, ?)').run(`new ${n} it's "quoted"`, (n % 97) + 0.5, now()).lastInsertRowid);
    items.push(id);
    return { op: 'insert item', effects: () => [{ table: 'items', key: JSON.stringify([id]), row: rowOf('items', id) }] };
  }
  if (pick <= 4) {
    const id = rng.pick(items);
    db.prepare('UPDATE items SET price = price + 1, updated_at = ? WHERE id = ?').run(now(), id);
    return { op: 'update item', effects: () => [{ table: 'items', key: JSON.stringify([id]), row: rowOf('items', id) }] };
  }
  if (pick === 5) {
    const id = items.splice(rng.int(items.length), 1)[0]!;
    db.prepare('DELETE FROM items WHERE id = ?').run(id);
    return { op: 'delete item', effects: () => [{ table: 'items', key: JSON.stringify([id]), row: null }] };
  }
  if (pick === 6) {
    // The application's own multi-statement transaction: an item and its tag together.
    const tx = db.transaction(() => {
      const id = Number(db.prepare('INSERT INTO items (title, price) VALUES (?, NULL)').run(`tx ${n}`).lastInsertRowid);
      db.prepare('INSERT INTO tags VALUES (?, ?, ?)').run(`t${n % 11}`, id, n % 3);
      return id;
    });
    const id = tx();
    items.push(id);
    tags.push([`t${n % 11}`, id]);
    return { op: 'insert item+tag', effects: () => [{ table: 'items', key: JSON.stringify([id]), row: rowOf('items', id) }, { table: 'tags', key: JSON.stringify([`t${n % 11}`, id]), row: rowOf('tags', `t${n % 11}`, id) }] };
  }
  if (pick === 7 && tags.length > 0) {
    const i = rng.int(tags.length);
    const [name, itemId] = tags[i]!;
    if (rng.chance(0.5)) {
      db.prepare('UPDATE tags SET weight = coalesce(weight, 0) + 1 WHERE name = ? AND item_id = ?').run(name, itemId);
      return { op: 'update tag', effects: () => [{ table: 'tags', key: JSON.stringify([name, itemId]), row: rowOf('tags', name, itemId) }] };
    }
    // A key change in a WITHOUT ROWID table: the old key goes, the new one comes.
    const moved = `${name}~${n}`;
    db.prepare('UPDATE tags SET name = ? WHERE name = ? AND item_id = ?').run(moved, name, itemId);
    tags[i] = [moved, itemId];
    return { op: 'rename tag', effects: () => [{ table: 'tags', key: JSON.stringify([name, itemId]), row: null }, { table: 'tags', key: JSON.stringify([moved, itemId]), row: rowOf('tags', moved, itemId) }] };
  }
  if (pick === 8) {
    const email = `new${n}@example.com`;
    db.prepare('INSERT INTO users VALUES (?, ?, ?)').run(email, `New ${n}`, Buffer.from([n % 256, 1]));
    users.push(email);
    return { op: 'insert user', effects: () => [{ table: 'users', key: JSON.stringify([email]), row: rowOf('users', email) }] };
  }
  if (pick === 9 && users.length > 0) {
    // The primary key of a rowid table changes (it is not the rowid).
    const i = rng.int(users.length);
    const old = users[i]!;
    const email = `moved${n}@example.com`;
    db.prepare('UPDATE users SET email = ? WHERE email = ?').run(email, old);
    users[i] = email;
    return { op: 'change user email', effects: () => [{ table: 'users', key: JSON.stringify([old]), row: null }, { table: 'users', key: JSON.stringify([email]), row: rowOf('users', email) }] };
  }
  if (pick === 10 && events.length > 0) {
    // The rowid itself moves.
    const i = rng.int(events.length);
    const old = events[i]!;
    const id = old + 1_000_000;
    db.prepare('UPDATE events SET id = ? WHERE id = ?').run(id, old);
    events[i] = id;
    return { op: 'move event', effects: () => [{ table: 'events', key: JSON.stringify([old]), row: null }, { table: 'events', key: JSON.stringify([id]), row: rowOf('events', id) }] };
  }
  db.prepare('INSERT INTO audit VALUES (?, ?)').run(now(), `write ${n}`);
  return { op: 'insert audit', effects: () => [] };
}

let stopping = false;
process.on('SIGTERM', () => (stopping = true));
process.stdout.write('ready\n');
const interval = 1000 / rate;
let next = performance.now();
while (!stopping) {
  const t0 = Date.now();
  const p0 = performance.now();
  let line: Record<string, unknown>;
  try {
    const { op, effects } = write();
    line = { ok: true, op, t0, ms: performance.now() - p0, effects: effects() };
  } catch (err) {
    line = { ok: false, t0, ms: performance.now() - p0, error: (err as Error).message };
  }
  appendFileSync(logFile!, JSON.stringify(line) + '\n');
  next += interval;
  const wait = next - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  else next = performance.now();
}
db.close();
