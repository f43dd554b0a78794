// A target table's columns as read from the catalog; the shape only, apart from the query.

/** One column of an existing target table. */
export interface TargetColumn {
  name: string;
  /** format_type(): `integer`, `character varying(40)`, `numeric(10,2)`, `timestamp without time zone`. */
  type: string;
  notNull: boolean;
  hasDefault: boolean;
  generated: boolean;
}

/** An existing target table and its columns in order. */
export interface TargetTable {
  schema: string;
  name: string;
  columns: TargetColumn[];
}
