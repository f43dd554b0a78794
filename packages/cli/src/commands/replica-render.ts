import type { PrepareAction, ReplicaEvent } from '@catdb/core/replica';
import type { ActionContext } from '../render/run-action.js';

/** One human line for a prepare-primary action. */
export function describePrepareAction(a: PrepareAction): string {
  switch (a.kind) {
    case 'setting':
      return a.apply
        ? `set ${a.name}: ${a.current} → ${a.target}${a.needsRestart ? ' (restart needed)' : ''}`
        : `ok  ${a.name} = ${a.current}${a.note ? ` — ${a.note}` : ''}`;
    case 'create-role':
      return `create role ${a.role} (LOGIN REPLICATION, SCRAM verifier computed locally)`;
    case 'role-exists':
      return `ok  role ${a.role} exists; its password is left unchanged${a.passwordMatches === true ? ' (matches the password file)' : a.passwordMatches === false ? ' — WARNING: it does NOT match the password file' : ''}`;
    case 'role-attributes':
      return `alter role ${a.role}: add ${a.missing.join(', ')}`;
    case 'hba':
      if (a.reason === 'already present') return `ok  pg_hba.conf already has: ${a.line}`;
      return a.apply ? `add to ${a.file}: ${a.line}` : `add this line to ${a.file} yourself (${a.reason ?? 'not writable'}), then reload:\n      ${a.line}`;
    case 'reload':
      return a.apply ? 'reload the configuration' : 'ok  no reload needed';
  }
}

/** Prints replica events: NDJSON with --json, else short human lines on stderr. */
export function replicaEventPrinter(ctx: ActionContext): (e: ReplicaEvent) => void {
  return (e) => {
    ctx.logEvent(e);
    if (ctx.json) return ctx.emitJson(e as unknown as Record<string, unknown>);
    const line = (() => {
      switch (e.type) {
        case 'replica.check':
          return `  ${e.check.ok ? 'ok  ' : 'FAIL'} ${e.check.name}: ${e.check.detail}`;
        case 'replica.step':
          return e.status === 'start' ? `• ${e.step}…` : `  ${e.status} ${e.step}${e.detail ? `: ${e.detail}` : ''}`;
        case 'replica.prepare':
          return undefined;
        case 'replica.cleanup':
          return `  undo: ${e.what} ${e.ok ? 'done' : `FAILED (${e.detail})`}`;
        case 'replica.waiting':
          return `  waiting for streaming (${Math.round(e.elapsedMs / 1000)} s): primary ${e.primaryState ?? '-'}, standby ${e.receiverStatus ?? '-'}`;
      }
    })();
    if (line) process.stderr.write(line + '\n');
  };
}
