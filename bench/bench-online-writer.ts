// The application of the online benchmark: writes to the benchmark catalog at a steady rate
// until SIGTERM (its own connection, foreign keys on, a 30 s busy timeout, small
// transactions) and logs each write's duration, busy waiting included, and any error.
//
//   node tsx/cli.mjs bench-online-writer.ts <db> <log.ndjson> <writes per second>
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const Database = createRequire(new URL('../packages/core/package.json', import.meta.url))('better-sqlite3') as typeof BetterSqlite3;
const [file, logFile, rateArg] = process.argv.slice(2);
const db = new Database(file!);
db.pragma('busy_timeout = 30000');
db.pragma('foreign_keys = ON');

// A fixed sequence (no clock, no Math.random) so every run writes the same.
let seed = 42;
const rand = (n: number): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed % n;
};
const maxItem = Number(db.prepare('SELECT max(id) FROM media_items').pluck().get());
const roots = db.prepare('SELECT id FROM storage_roots').pluck().all() as number[];
const tags = db.prepare('SELECT id FROM tags').pluck().all() as number[];
const users = db.prepare('SELECT id FROM users').pluck().all() as number[];
const stmt = {
  update: db.prepare("UPDATE media_items SET rating = ?, is_favorite = ?, updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE id = ?"),
  insert: db.prepare("INSERT INTO media_items (storage_root_id, path, title, media_type, year, rating, size_bytes, created_at) VALUES (?, ?, ?, 'movie', 2024, 5.5, ?, strftime('%Y-%m-%d %H:%M:%S', 'now'))"),
  file: db.prepare("INSERT INTO media_files (media_item_id, file_path, file_size, mime_type, is_primary) VALUES (?, ?, ?, 'video/mp4', 1)"),
  remove: db.prepare('DELETE FROM media_items WHERE id = ?'),
  tag: db.prepare("INSERT INTO media_tags (media_item_id, tag_id, added_at) VALUES (?, ?, strftime('%Y-%m-%d %H:%M:%S', 'now')) ON CONFLICT DO NOTHING"),
  untag: db.prepare('DELETE FROM media_tags WHERE media_item_id = ? AND tag_id = ?'),
  user: db.prepare('UPDATE users SET is_active = 1 - is_active WHERE id = ?'),
};
const addItem = db.transaction((n: number) => {
  const id = Number(stmt.insert.run(roots[n % roots.length], `/online/${n}.mkv`, `Online ${n}`, n * 1000).lastInsertRowid);
  stmt.file.run(id, `/online/${n}.mkv`, n * 1000);
  return id;
});

function write(n: number): string {
  const pick = rand(10);
  const item = 1 + rand(maxItem);
  if (pick < 4) return (stmt.update.run((rand(100) / 10).toFixed(1), rand(2), item), 'update item');
  if (pick < 6) return (addItem(n), 'insert item+file');
  if (pick < 7) return (stmt.remove.run(item), 'delete item');
  if (pick < 8) return (stmt.tag.run(item, tags[rand(tags.length)]), 'tag');
  if (pick < 9) return (stmt.untag.run(item, tags[rand(tags.length)]), 'untag');
  return (stmt.user.run(users[rand(users.length)]), 'toggle user');
}

const MAX_BACKLOG_S = 1;
let stopping = false;
process.on('SIGTERM', () => (stopping = true));
process.stdout.write('ready\n');
// Open loop: write n is due at start + n × interval, whatever the earlier writes cost. A
// writer that waited (a busy lock, a starved CPU) catches up with writes back to back, as an
// application's queued requests would; only a backlog past a second is dropped (and logged
// as `skipped`), so a stall cannot turn into a burst of minutes. A loop that slept one
// interval after each write instead would lose every late timer for good.
const interval = 1000 / Number(rateArg);
const start = performance.now();
let due = 0;
for (let n = 1; !stopping; n++) {
  const t0 = performance.now();
  let line: Record<string, unknown>;
  try {
    line = { ok: true, op: write(n), ms: performance.now() - t0 };
  } catch (err) {
    line = { ok: false, ms: performance.now() - t0, error: (err as Error).message };
  }
  appendFileSync(logFile!, JSON.stringify({ t: Date.now(), ...line }) + '\n');
  due++;
  const behind = (performance.now() - start) / interval - due;
  if (behind > MAX_BACKLOG_S * Number(rateArg)) {
    const skipped = Math.floor(behind);
    due += skipped;
    appendFileSync(logFile!, JSON.stringify({ t: Date.now(), skipped }) + '\n');
  }
  const wait = start + due * interval - performance.now();
  // Behind schedule, still yield once per write, so SIGTERM is seen.
  await new Promise((r) => (wait > 0 ? setTimeout(r, wait) : setImmediate(r)));
}
db.close();
