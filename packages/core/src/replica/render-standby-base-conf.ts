/** One row of pg_settings whose value came from the primary's configuration files. */
export interface PrimarySettingRow {
  name: string;
  setting: string;
}

/**
 * Settings that belong to one server's layout, never copied to a standby: its own paths,
 * address and name (init writes port and listen_addresses itself), and include directives
 * whose files the standby would not have.
 */
const PER_SERVER = new Set(['data_directory', 'config_file', 'hba_file', 'ident_file', 'external_pid_file', 'port', 'listen_addresses', 'cluster_name', 'include', 'include_dir', 'include_if_exists']);

// postgresql.conf strings cannot span lines; its lexer reads \n and \r escapes back (guc-file.l).
function quote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''").replaceAll('\n', '\\n').replaceAll('\r', '\\r')}'`;
}

/**
 * postgresql.conf for a standby of a primary whose configuration lives outside its data
 * directory (Debian's /etc/postgresql/<ver>/<cluster>/), so the base backup brought none: the
 * primary's file-set values as they are in effect (pg_settings, base units), minus the
 * per-server ones. Values are quoted, so no name or value from the server can add a line of its
 * own; names outside PostgreSQL's alphabet are left out. Pure.
 */
export function renderStandbyBaseConf(rows: readonly PrimarySettingRow[], primaryConfigFile: string): string {
  const lines = rows
    .filter((r) => /^[a-z_][a-z0-9_.]*$/i.test(r.name) && !PER_SERVER.has(r.name.toLowerCase()))
    .map((r) => `${r.name} = ${quote(r.setting)}`);
  return [
    `# Written by catdb replica init: the settings of the primary's ${primaryConfigFile.replace(/[\r\n]/g, ' ')}`,
    '# in effect when this standby was made (its own paths, port and addresses left out).',
    ...lines,
    '',
  ].join('\n');
}
