/**
 * One argument of a command line as a POSIX shell reads it back unchanged: the whole
 * value in single quotes, each `'` written as `'\''`. Every hint that suggests an option
 * (`--cast`, `--include`, `--exclude`) renders its value here, so what catdb prints can be
 * pasted as it is: inside single quotes nothing is special, not `"`, `$`, `` ` ``, `\`,
 * `!`, blanks or newlines, which double quotes or a bare word would change or split.
 */
export function renderShellArg(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}
