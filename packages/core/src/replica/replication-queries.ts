// Catalog queries for status and lag. LSN distances come from pg_wal_lsn_diff and travel as
// text into BigInt, so no byte count ever passes through a float. Intervals become integer
// microseconds for the same reason.

/** The primary's own position: in recovery (a cascading source) its replay LSN stands in. */
const CURRENT_LSN = `case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end`;

export const PRIMARY_SQL = `
select current_setting('server_version_num')::int as version_num,
       pg_is_in_recovery() as in_recovery,
       (${CURRENT_LSN})::text as current_lsn,
       (select system_identifier::text from pg_control_system()) as system_id,
       case when pg_is_in_recovery() then (select timeline_id from pg_control_checkpoint())
            -- the first 8 hex digits of a WAL file name are its timeline
            else ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int end as timeline`;

const US = (col: string): string => `(extract(epoch from ${col}) * 1000000)::bigint::text`;
const DIFF = (lsn: string): string => `pg_wal_lsn_diff(cur.lsn, ${lsn})::bigint::text`;

export const STANDBYS_SQL = `
with cur as (select ${CURRENT_LSN} as lsn)
select r.pid, r.application_name, host(r.client_addr) as client_addr, r.state, r.sync_state, s.slot_name,
       r.sent_lsn::text as sent_lsn, r.write_lsn::text as write_lsn, r.flush_lsn::text as flush_lsn, r.replay_lsn::text as replay_lsn,
       ${DIFF('r.sent_lsn')} as not_sent, ${DIFF('r.write_lsn')} as not_written,
       ${DIFF('r.flush_lsn')} as not_flushed, ${DIFF('r.replay_lsn')} as not_replayed,
       ${US('r.write_lag')} as write_lag_us, ${US('r.flush_lag')} as flush_lag_us, ${US('r.replay_lag')} as replay_lag_us,
       r.reply_time::text as reply_time
from pg_stat_replication r cross join cur
left join pg_replication_slots s on s.active_pid = r.pid
order by r.application_name, r.pid`;

export const SLOTS_SQL = `
with cur as (select ${CURRENT_LSN} as lsn)
select s.slot_name, s.slot_type, s.active, s.active_pid, s.restart_lsn::text as restart_lsn, s.wal_status,
       ${DIFF('s.restart_lsn')} as retained, s.safe_wal_size::text as safe_wal_size
from pg_replication_slots s cross join cur
order by s.slot_name`;

export const REPLICA_SQL = `
select pg_is_in_recovery() as in_recovery,
       r.status, r.pid, r.slot_name, r.sender_host, r.sender_port,
       coalesce(r.received_tli, (select timeline_id from pg_control_checkpoint())) as timeline,
       coalesce(r.flushed_lsn, pg_last_wal_receive_lsn())::text as received_lsn,
       pg_last_wal_replay_lsn()::text as replay_lsn,
       pg_wal_lsn_diff(coalesce(r.flushed_lsn, pg_last_wal_receive_lsn()), pg_last_wal_replay_lsn())::bigint::text as received_not_replayed,
       ${US('now() - pg_last_xact_replay_timestamp()')} as last_replay_age_us
from (select 1) as one left join pg_stat_wal_receiver r on true`;
