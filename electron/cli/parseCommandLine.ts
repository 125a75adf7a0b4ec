import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cliErrors';

export type Options = NonNullable<ParseArgsConfig['options']>;

type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/**
 * The command line as getopt_long reads it: an option that takes a value takes the next word,
 * whatever it looks like, so `--directive --exclusive` passes `--exclusive` to sbatch as the help
 * shows. Node's parseArgs refuses that as ambiguous; it is given `--directive=--exclusive`
 * instead. After `--`, every word is a positional. Mistakes become UsageErrors (exit status 2).
 */
export function parseCommandLine<T extends Options>(args: readonly string[], options: T): Parsed<T> {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (word === '--') {
      joined.push(...args.slice(index));
      break;
    }
    const name = word.startsWith('--') && !word.includes('=') ? word.slice(2) : null;
    const next = args[index + 1];
    if (name !== null && options[name]?.type === 'string' && next !== undefined) {
      joined.push(`${word}=${next}`);
      index += 1;
    } else joined.push(word);
  }
  try {
    return parseArgs({ args: joined, options, allowPositionals: true, strict: true });
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) throw new UsageError(firstSentence(error.message));
    throw error;
  }
}

/** Node's message names the option; its advice about `--` and `=` is for its own syntax, not ours. */
function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/\.?$/, '.');
}
