/**
 * The options a command takes, declared once: the parser, the help text, the "did you mean" and the
 * check of output folders all read these declarations. A command's options are a record of them;
 * `OptionValues` gives the typed result of parsing that record.
 */
import { UsageError } from './cli-errors.ts';

/** One option: how it reads, how it is described, and what its value becomes. */
export interface OptionSpec<T> {
  readonly flag: `--${string}`;
  /** flag: no value; value: at most once; list: repeatable. */
  readonly kind: 'flag' | 'value' | 'list';
  /** The value's placeholder in the help ("FILE"); empty for a flag. */
  readonly placeholder: string;
  /** What it is, as the end of a sentence: "Missing --villages: " + help. */
  readonly help: string;
  readonly required: boolean;
  /** A file the command writes: its folder is checked before any work starts. */
  readonly output: boolean;
  /** Turns the texts given for this option (in order) into its value; throws a UsageError naming the fix. */
  readonly read: (given: readonly string[]) => T;
}

/** A command's options, by the name its code uses. */
export type OptionSet = Record<string, OptionSpec<unknown>>;

/** The parsed values of an option set. */
export type OptionValues<O extends OptionSet> = { [K in keyof O]: O[K] extends OptionSpec<infer T> ? T : never };

/** Turns one given text into a value; throws a UsageError naming the option and the fix. */
export type ValueParser<T> = (text: string, flag: string) => T;

/** An option without a value (`--gaps-only`); true when given. */
export function flagOption(flag: `--${string}`, help: string): OptionSpec<boolean> {
  return { flag, kind: 'flag', placeholder: '', help, required: false, output: false, read: (given) => given.length > 0 };
}

interface ValueOptions {
  required?: boolean;
  /** The value is a file the command writes. */
  output?: boolean;
}

/** An option given at most once with a text value (a file name…); required ones are never null. */
export function valueOption(flag: `--${string}`, placeholder: string, help: string, options: ValueOptions & { required: true }): OptionSpec<string>;
export function valueOption(flag: `--${string}`, placeholder: string, help: string, options?: ValueOptions): OptionSpec<string | null>;
export function valueOption(flag: `--${string}`, placeholder: string, help: string, options: ValueOptions = {}): OptionSpec<string | null> {
  return parsedOption(flag, placeholder, help, (text) => text, options);
}

/** An option given at most once whose text `parse` turns into a value (a number, a word…). */
export function parsedOption<T>(flag: `--${string}`, placeholder: string, help: string, parse: ValueParser<T>, options: ValueOptions & { required: true }): OptionSpec<T>;
export function parsedOption<T>(flag: `--${string}`, placeholder: string, help: string, parse: ValueParser<T>, options?: ValueOptions): OptionSpec<T | null>;
export function parsedOption<T>(flag: `--${string}`, placeholder: string, help: string, parse: ValueParser<T>, options: ValueOptions = {}): OptionSpec<T | null> {
  const required = options.required ?? false;
  return {
    flag,
    kind: 'value',
    placeholder,
    help,
    required,
    output: options.output ?? false,
    read: (given) => {
      if (given.length > 1) throw new UsageError(`Option ${flag} is given twice ("${given[0]}", "${given[1]}"): give it once.`);
      if (given.length === 0) {
        if (required) throw new UsageError(`Missing ${flag}: ${help}.`);
        return null;
      }
      return parse(given[0], flag);
    },
  };
}

/** A repeatable option (`--bts a.csv --bts b.fgb`); its values in the order given. */
export function listOption(flag: `--${string}`, placeholder: string, help: string, options: { required?: boolean } = {}): OptionSpec<string[]> {
  const required = options.required ?? false;
  return {
    flag,
    kind: 'list',
    placeholder,
    help,
    required,
    output: false,
    read: (given) => {
      if (required && given.length === 0) throw new UsageError(`Missing ${flag}: ${help}.`);
      return [...given];
    },
  };
}

/** A whole number of at least `min`. */
export function wholeNumber(min: number): ValueParser<number> {
  return (text, flag) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}, got "${text}".`);
    return n;
  };
}

/** One of a few words. */
export function oneOf<W extends string>(words: readonly W[]): ValueParser<W> {
  return (text, flag) => {
    if ((words as readonly string[]).includes(text)) return text as W;
    throw new UsageError(`${flag} must be ${words.map((w) => `"${w}"`).join(' or ')}, got "${text}".`);
  };
}
