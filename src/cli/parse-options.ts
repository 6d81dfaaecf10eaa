/** The one argument parser of every command: `--flag value`, `--flag=value`, repeated lists, flags. */
import { UsageError } from './cli-errors.ts';
import { closest } from './did-you-mean.ts';
import type { OptionSet, OptionValues } from './option-spec.ts';

/** Where the options are parsed, for the messages. */
export interface ParseContext {
  command: string;
  /** Flags of the other commands, by flag: their command's name (to say "--operator is an option of plan"). */
  elsewhere?: ReadonlyMap<string, string>;
}

/** What a command line holds: the command's own options, the options every command takes, the files it will write. */
export interface ParsedOptions<O extends OptionSet, C extends OptionSet> {
  values: OptionValues<O>;
  common: OptionValues<C>;
  /** The values of options declared as outputs, with their flags, in declaration order. */
  outputs: { flag: string; path: string }[];
}

/**
 * Parses `argv` (the words after the command) against a command's `options` and the `common` ones
 * every command takes. Every mistake is a UsageError of one sentence: an unknown option (with the
 * closest one, "did you mean"), a missing or repeated value, a stray word, a required option not
 * given, a value its parser refuses.
 */
export function parseOptions<O extends OptionSet, C extends OptionSet>(
  options: O,
  common: C,
  argv: readonly string[],
  context: ParseContext,
): ParsedOptions<O, C> {
  const all: OptionSet = { ...common, ...options };
  const keyOf = new Map<string, string>(Object.entries(all).map(([key, spec]) => [spec.flag, key]));
  const flags = [...keyOf.keys()];
  const help = `See vunglom help ${context.command}.`;
  const given = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('-') || word === '-') {
      const near = closest(word, flags);
      throw new UsageError(`Unexpected "${word}" for ${context.command}: every value follows its option${near ? ` (did you mean ${near}?)` : ''}. ${help}`);
    }
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const flag = eq > 0 ? word.slice(0, eq) : word;
    const inline = eq > 0 ? word.slice(eq + 1) : undefined;
    const key = keyOf.get(flag);
    if (key === undefined) throw new UsageError(unknownOption(flag, flags, context));
    const spec = all[key];
    const values = given.get(key) ?? [];
    given.set(key, values);
    if (spec.kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`Option ${flag} takes no value, got "${inline}". ${help}`);
      values.push('');
      continue;
    }
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`Option ${flag} needs a value (${spec.placeholder}). ${help}`);
    }
    if (inline === undefined) i++;
    values.push(value);
  }
  // Each option reads what was given for it, in declaration order (so the first missing one is named).
  const read = <S extends OptionSet>(set: S): OptionValues<S> =>
    Object.fromEntries(Object.entries(set).map(([key, spec]) => [key, spec.read(given.get(key) ?? [])])) as OptionValues<S>;
  const outputs = Object.entries(options).flatMap(([key, spec]) => (spec.output ? (given.get(key) ?? []).map((path) => ({ flag: spec.flag, path })) : []));
  return { values: read(options), common: read(common), outputs };
}

function unknownOption(flag: string, flags: readonly string[], context: ParseContext): string {
  const owner = context.elsewhere?.get(flag);
  if (owner) return `Option ${flag} belongs to "vunglom ${owner}", not to ${context.command}. See vunglom help ${context.command}.`;
  const near = closest(flag, flags);
  return `Unknown option "${flag}" for ${context.command}${near ? `: did you mean ${near}?` : '.'} See vunglom help ${context.command}.`;
}
