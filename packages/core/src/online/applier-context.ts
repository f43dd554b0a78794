import type pg from 'pg';
import { columnCodecs, type ColumnCodec } from '../codec/column-codec.js';
import type { ChecksumAlgorithm } from '../verify/row-checksum.js';
import type { CaptureKey } from './capture-table.js';
import type { FollowPlan } from './follow-plan.js';
import type { SqliteTextEncoding } from './parse-change-key.js';

/** What every round of applying shares: the plan, the codecs, the connection and the position. */
export interface ApplierContext {
  file: string;
  runId: string;
  plan: FollowPlan;
  /** Log position the target holds; advanced after each committed round. */
  appliedSeq: bigint;
  captureKeys: Map<string, CaptureKey>;
  /** Column codecs of each table, by source name: the COPY path's, from the same column plans. */
  codecs: Map<string, ColumnCodec[]>;
  encoding: SqliteTextEncoding;
  /** The connection rounds run on (prepared with prepareSession). */
  client: pg.Client;
  algorithm: ChecksumAlgorithm;
  /** Temporary tables this session has created (see applyRound). */
  tempTables: Set<string>;
  /** Column lists of each target table's unique constraints besides the primary key, read when first needed. */
  uniqueKeys: Map<string, string[][]>;
}

export function createApplierContext(o: { file: string; runId: string; plan: FollowPlan; appliedSeq: bigint; encoding: SqliteTextEncoding; client: pg.Client; algorithm: ChecksumAlgorithm; nul?: 'error' | 'strip' }): ApplierContext {
  return {
    file: o.file,
    runId: o.runId,
    plan: o.plan,
    appliedSeq: o.appliedSeq,
    captureKeys: new Map(o.plan.tables.map((t) => [t.source, t.key])),
    codecs: new Map(o.plan.tables.map((t) => [t.source, columnCodecs(t.columns, o.nul)])),
    encoding: o.encoding,
    client: o.client,
    algorithm: o.algorithm,
    tempTables: new Set(),
    uniqueKeys: new Map(),
  };
}
