import { flattenTree, type CommandNode, type OptionNode } from './command-tree.js';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/**
 * A completion script for `shell`, generated from the command tree: subcommands at each
 * level, the options of the command being typed, the choices of an option that has them,
 * and file names for option values and arguments. Pure; the CLI prints it.
 */
export function renderCompletion(shell: CompletionShell, tree: CommandNode): string {
  const bin = tree.name;
  const commands = flattenTree(tree);
  switch (shell) {
    case 'bash':
      return renderBash(bin, commands);
    case 'zsh':
      return renderZsh(bin, commands);
    case 'fish':
      return renderFish(bin, commands);
  }
}

/** Single-quoted for bash, zsh and fish alike ('\'' closes, escapes and reopens). */
function q(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", `'\\''`)}'`;
}

/** fish reads \' inside single quotes; it does not understand the '\'' idiom. */
function fq(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

const key = (c: CommandNode): string => c.path.join(' ');
const flagsOf = (o: OptionNode): string[] => [o.short, o.long].filter((f): f is string => Boolean(f));
const firstLine = (text: string): string => text.split('\n')[0]!.trim();
const takesValue = (o: OptionNode): boolean => o.value !== 'none';

/**
 * The `case "path:previous word"` arms of bash and zsh: an option with choices completes them
 * (rendered by `choiceCase`), any other option that takes a value completes file names.
 */
function optionValueCases(commands: CommandNode[], choiceCase: (patterns: string, choices: readonly string[]) => string): { choiceCases: string[]; valueCases: string[] } {
  const choiceCases: string[] = [];
  const valueCases: string[] = [];
  for (const c of commands) {
    for (const o of c.options.filter(takesValue)) {
      const patterns = flagsOf(o).map((f) => q(`${key(c)}:${f}`)).join('|');
      if (o.choices?.length) choiceCases.push(choiceCase(patterns, o.choices));
      else valueCases.push(patterns);
    }
  }
  return { choiceCases, valueCases };
}

function renderBash(bin: string, commands: CommandNode[]): string {
  const fn = `_${bin.replace(/\W/g, '_')}_completion`;
  const paths = commands.filter((c) => c.path.length > 0).map((c) => q(key(c)));
  const { choiceCases, valueCases } = optionValueCases(commands, (patterns, choices) => `    ${patterns}) COMPREPLY=($(compgen -W ${q(choices.join(' '))} -- "$cur")); return ;;`);
  const wordCases = commands.map((c) => {
    const subs = c.commands.map((s) => s.name);
    const opts = c.options.flatMap((o) => (o.long ? [o.long] : flagsOf(o)));
    // A leaf that takes arguments completes their choices, else file names, unless an option is being typed.
    const files = c.commands.length === 0 && c.arguments.length > 0 ? 1 : 0;
    const choices = c.commands.length === 0 ? (c.arguments[0]?.choices ?? []) : [];
    return `    ${q(key(c))}) subcommands=${q([...subs, ...choices].join(' '))}; options=${q(opts.join(' '))}; files=${files} ;;`;
  });
  return `# bash completion for ${bin}, generated from its command tree by \`${bin} completion bash\`.
# Load it in the current shell:   source <(${bin} completion bash)
# Or install it for every shell:  ${bin} completion bash > /etc/bash_completion.d/${bin}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local path="" word i subcommands="" options="" files=0
${walkCommandPath({ first: 1, count: 'COMP_CWORD', words: 'COMP_WORDS', path: 'path', word: 'word' }, paths)}
  case "$path:$prev" in
${choiceCases.join('\n')}
${valueCases.length ? `    ${valueCases.join('|')}) COMPREPLY=(); return ;;` : ''}
  esac
  case "$path" in
${wordCases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif [[ -n "$subcommands" ]]; then
    COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
  elif [[ $files == 1 ]]; then
    COMPREPLY=()
  else
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  fi
}
complete -o default -o bashdefault -F ${fn} ${bin}
`;
}

function renderZsh(bin: string, commands: CommandNode[]): string {
  const fn = `_${bin.replace(/\W/g, '_')}`;
  const paths = commands.filter((c) => c.path.length > 0).map((c) => q(key(c)));
  const { choiceCases, valueCases } = optionValueCases(commands, (patterns, choices) => `    ${patterns}) compadd -- ${choices.map(q).join(' ')}; return ;;`);
  const describe = (name: string, text: string): string => q(`${name.replaceAll(':', '\\:')}:${firstLine(text)}`);
  const wordCases = commands.map((c) => {
    const subs = [...c.commands.map((s) => describe(s.name, s.description)), ...(c.commands.length === 0 ? (c.arguments[0]?.choices ?? []) : []).map((v) => describe(v, c.arguments[0]!.description))];
    const opts = c.options.flatMap((o) => flagsOf(o).map((f) => describe(f, o.description)));
    const files = c.commands.length === 0 && c.arguments.length > 0 ? 1 : 0;
    return `    ${q(key(c))}) subcommands=(${subs.join(' ')}); options=(${opts.join(' ')}); files=${files} ;;`;
  });
  return `#compdef ${bin}
# zsh completion for ${bin}, generated from its command tree by \`${bin} completion zsh\`.
# Load it in the current shell:  source <(${bin} completion zsh)
# Or save it as _${bin} in a directory on $fpath.
${fn}() {
  local -a subcommands options
  local p="" w i files=0
${walkCommandPath({ first: 2, count: 'CURRENT', words: 'words', path: 'p', word: 'w' }, paths)}
  case "$p:\${words[CURRENT-1]}" in
${choiceCases.join('\n')}
${valueCases.length ? `    ${valueCases.join('|')}) _files; return ;;` : ''}
  esac
  case "$p" in
${wordCases.join('\n')}
  esac
  if [[ "\${words[CURRENT]}" == -* ]]; then
    _describe -t options option options
  elif (( \${#subcommands} )); then
    _describe -t commands command subcommands
  elif (( files )); then
    _files
  else
    _describe -t options option options
  fi
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${bin}
fi
`;
}

function renderFish(bin: string, commands: CommandNode[]): string {
  const fn = `__${bin.replace(/\W/g, '_')}`;
  const paths = commands.filter((c) => c.path.length > 0).map((c) => fq(key(c)));
  const lines: string[] = [];
  for (const c of commands) {
    const at = `-n "${fn}_at ${fq(key(c))}"`;
    if (c.commands.length > 0 || c.arguments.length === 0 || c.arguments[0]?.choices?.length) lines.push(`complete -c ${bin} ${at} -f`);
    for (const s of c.commands) lines.push(`complete -c ${bin} ${at} -a ${fq(s.name)} -d ${fq(firstLine(s.description))}`);
    const arg = c.commands.length === 0 ? c.arguments[0] : undefined;
    if (arg?.choices?.length) lines.push(`complete -c ${bin} ${at} -f -a ${fq(arg.choices.join(' '))} -d ${fq(firstLine(arg.description))}`);
    for (const o of c.options) {
      const flags = [o.short ? `-s ${o.short.replace(/^-/, '')}` : '', o.long ? `-l ${o.long.replace(/^--/, '')}` : ''].filter(Boolean).join(' ');
      const value = takesValue(o) ? (o.choices?.length ? ` -x -a ${fq(o.choices.join(' '))}` : ' -r') : '';
      lines.push(`complete -c ${bin} ${at} ${flags}${value} -d ${fq(firstLine(o.description))}`);
    }
  }
  return `# fish completion for ${bin}, generated from its command tree by \`${bin} completion fish\`.
# Load it in the current shell:  ${bin} completion fish | source
# Or save it as ~/.config/fish/completions/${bin}.fish
function ${fn}_path
  set -l p
  for t in (commandline -opc)[2..-1]
    switch (string join -- ' ' $p $t)
      case ${paths.join(' ')}
        set p $p $t
    end
  end
  string join -- ' ' $p
end
function ${fn}_at
  set -l p (${fn}_path)
  test "$p" = "$argv[1]"
end
${lines.join('\n')}
`;
}

/**
 * The shell loop both bash and zsh scripts start with: it walks the words typed so far and
 * keeps in `path` the longest run that names a command (`migrate sqlite-to-pg`).
 */
function walkCommandPath(v: { first: number; count: string; words: string; path: string; word: string }, paths: readonly string[]): string {
  const joined = `"\${${v.path}:+$${v.path} }$${v.word}"`;
  return [
    `  for ((i = ${v.first}; i < ${v.count}; i++)); do`,
    `    ${v.word}="\${${v.words}[i]}"`,
    `    case ${joined} in`,
    `      ${paths.join('|')}) ${v.path}=${joined} ;;`,
    '    esac',
    '  done',
  ].join('\n');
}
