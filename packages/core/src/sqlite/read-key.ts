// How a table is paged, apart from the reader so that plans can name it without the driver.

/** How a table is paged: by rowid, or by its primary key when it is WITHOUT ROWID. */
export type ReadKey = { kind: 'rowid' } | { kind: 'columns'; columns: string[] };
