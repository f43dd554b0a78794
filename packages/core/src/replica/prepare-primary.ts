import { chmodSync, chownSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'pg-connection-string';
import { backupFile } from '../fs/backup-file.js';
import { CatdbError, throwIfAborted } from '../errors.js';
import { connect } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteIdent, quoteLiteral } from '../pg/quote-ident.js';
import { redactUrl } from '../pg/redact-url.js';
import { readPasswordFile, writeNewPasswordFile } from './password-file.js';
import { planHbaEdit, renderHbaLine } from './plan-hba-edit.js';
import { planPreparePrimary } from './plan-prepare-primary.js';
import { readPrimaryFacts } from './read-primary-facts.js';
import { renderScramVerifier, scramVerifierMatches } from '../scram/render-scram-verifier.js';
import type { PrepareAction, ReplicaEvent } from './types.js';

/** The replication role catdb creates when none is named. */
export const DEFAULT_REPLICATION_USER = 'catdb_replicator';

/** Options of preparePrimary. */
export interface PreparePrimaryOptions {
  /** Superuser URL of the primary (password from the URL, PGPASSFILE or ~/.pgpass). */
  primaryUrl: string;
  /** Default `catdb_replicator`. */
  replicationUser?: string;
  /**
   * File holding the role's password on its first line. Read when it exists; when it does
   * not and the role must be created, a new password is generated into it (0600).
   * Default: `.catdb/<role>.password` under the current folder.
   */
  passwordFile?: string;
  /** Address range standbys connect from, for the pg_hba.conf line. Default `127.0.0.1/32`. */
  allowFrom?: string;
  /** e.g. `10GB`; left alone when undefined. */
  maxSlotWalKeepSize?: string;
  /** Only report the plan. */
  dryRun?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: ReplicaEvent) => void;
}

/** What preparePrimary did (or, with `dryRun`, would do), action by action. */
export interface PreparePrimaryResult {
  actions: PrepareAction[];
  /** Settings changed with ALTER SYSTEM that only take effect after a restart of the primary. */
  restartNeeded: string[];
  replicationUser: string;
  /** The password file used or written (never its content). */
  passwordFile: string | undefined;
  passwordGenerated: boolean;
  /** The pg_hba.conf line standbys need (printed for the operator when it could not be added). */
  hbaLine: string;
  /** The copy of pg_hba.conf taken before catdb edited it (`<file>.bak`, never over an earlier one). */
  hbaBackup?: string;
  dryRun: boolean;
}

/** Rewrites pg_hba.conf in place through a temp file, keeping the owner (postgres) and mode. */
function writeHba(file: string, content: string): void {
  const st = statSync(file);
  const tmp = join(file + `.catdb-${process.pid}`);
  writeFileSync(tmp, content, { mode: st.mode & 0o777 });
  chownSync(tmp, st.uid, st.gid);
  chmodSync(tmp, st.mode & 0o777);
  renameSync(tmp, file);
}

/**
 * Makes a primary ready for streaming replicas: raises wal_level, max_wal_senders,
 * max_replication_slots (and sets max_slot_wal_keep_size when asked) with ALTER SYSTEM,
 * creates the replication role with a SCRAM verifier computed here (the password never
 * reaches the server), adds the pg_hba.conf line when the file is on this machine and
 * writable, and reloads. Idempotent; an existing role's password is never changed.
 *
 * Side effects: ALTER SYSTEM, CREATE/ALTER ROLE, pg_hba.conf edit, pg_reload_conf(), and
 * possibly a new 0600 password file. Errors: PG_* (connection, permission), REPLICA_CONFIG.
 */
export async function preparePrimary(options: PreparePrimaryOptions): Promise<PreparePrimaryResult> {
  const user = options.replicationUser ?? DEFAULT_REPLICATION_USER;
  const hbaLine = renderHbaLine(user, options.allowFrom ?? '127.0.0.1/32');
  const emit = options.onEvent ?? (() => {});
  const dryRun = Boolean(options.dryRun);
  throwIfAborted(options.signal);
  const client = await connect(options.primaryUrl, { applicationName: 'catdb replica prepare-primary', ...(options.signal ? { signal: options.signal } : {}) });
  try {
    const host = parse(options.primaryUrl).host ?? undefined;
    const facts = await readPrimaryFacts(client, user, hbaLine, host);
    const passwordFile = options.passwordFile ? resolve(options.passwordFile) : facts.role.exists ? undefined : resolve('.catdb', `${user}.password`);
    let passwordMatches: boolean | null = null;
    if (facts.role.exists && passwordFile) {
      // The role exists, so its password is checked against the file; a file that is not there cannot be from an earlier run.
      const password = readPasswordFile(passwordFile, `The role ${user} exists already: pass --password-file with its password (one line, mode 0600), or drop the role so that prepare-primary creates it with a new password file.`);
      passwordMatches = facts.role.verifier === null ? null : scramVerifierMatches(password, facts.role.verifier);
    }
    const actions = planPreparePrimary(facts, { replicationUser: user, hbaLine, maxSlotWalKeepSize: options.maxSlotWalKeepSize, minWalSenders: 10, minReplicationSlots: 10, passwordMatches });
    for (const action of actions) emit({ type: 'replica.prepare', action });
    const result: PreparePrimaryResult = {
      actions,
      restartNeeded: actions.filter((a) => a.kind === 'setting' && a.needsRestart).map((a) => (a as { name: string }).name),
      replicationUser: user,
      passwordFile,
      passwordGenerated: false,
      hbaLine,
      dryRun,
    };
    if (dryRun) return result;

    for (const action of actions.filter((a) => a.apply)) {
      throwIfAborted(options.signal);
      try {
        if (action.kind === 'setting') {
          await client.query(`ALTER SYSTEM SET ${quoteIdent(action.name)} = ${quoteLiteral(action.target)}`);
        } else if (action.kind === 'create-role') {
          let password: string;
          try {
            password = readPasswordFile(passwordFile!);
          } catch (err) {
            if (!(err instanceof CatdbError) || !/does not exist/.test(err.message)) throw err;
            password = writeNewPasswordFile(passwordFile!);
            result.passwordGenerated = true;
          }
          // The server stores a SCRAM verifier given as the password as is: it never sees the password.
          await client.query(`CREATE ROLE ${quoteIdent(user)} WITH LOGIN REPLICATION PASSWORD ${quoteLiteral(renderScramVerifier(password))}`);
        } else if (action.kind === 'role-attributes') {
          await client.query(`ALTER ROLE ${quoteIdent(user)} WITH ${action.missing.join(' ')}`);
        } else if (action.kind === 'hba') {
          const before = readFileSync(action.file, 'utf8');
          result.hbaBackup = backupFile(action.file);
          // The server reads its data directory whole (pg_basebackup): a root-owned copy there would break it.
          const owner = statSync(action.file);
          chownSync(result.hbaBackup, owner.uid, owner.gid);
          writeHba(action.file, planHbaEdit(before, hbaLine).content);
          await client.query('select pg_reload_conf()');
          // A rule PostgreSQL cannot parse would lock people out at the next reload: put the file back.
          const bad = (await client.query('select line_number, error from pg_hba_file_rules where error is not null')).rows;
          if (bad.length) {
            writeHba(action.file, before);
            await client.query('select pg_reload_conf()');
            throw new CatdbError('REPLICA_CONFIG', `pg_hba.conf has errors after adding the replication line: ${bad.map((b) => `line ${b.line_number}: ${b.error}`).join('; ')}`, {
              hint: 'The file was restored. Fix the reported lines, then re-run.',
              details: { file: action.file },
            });
          }
        } else if (action.kind === 'reload') {
          await client.query('select pg_reload_conf()');
        }
      } catch (err) {
        throw mapPgError(err, { what: `prepare-primary: ${action.kind} failed`, target: redactUrl(options.primaryUrl) });
      }
    }
    return result;
  } finally {
    await client.end().catch(() => {});
  }
}
