/** Where JSON text stops being valid, as a person counts: line and column from 1. */
export type JsonProblem = { line: number; column: number; message: string };

/**
 * A small JSON reader that only finds the first error and its place. JSON.parse knows the place
 * too, but each engine words it differently (and some leave it out), so the form says it itself.
 */
export function findJsonProblem(text: string): JsonProblem | null {
  let index = 0;
  const fail = (message: string): never => {
    throw new JsonSyntax(index, message);
  };
  const skipSpace = () => {
    while (index < text.length && /[ \t\r\n]/.test(text[index]!)) index += 1;
  };
  const describe = () => (index >= text.length ? 'the text ends' : `found ${JSON.stringify(text[index])}`);
  const expectLiteral = (word: string) => {
    if (text.startsWith(word, index)) index += word.length;
    else fail(`expected a value, ${describe()}`);
  };
  const readString = () => {
    index += 1;
    while (index < text.length) {
      const char = text[index]!;
      if (char === '"') {
        index += 1;
        return;
      }
      if (char === '\\') {
        const escape = text[index + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) fail('\\u needs four hex digits');
          index += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) index += 2;
        else fail('unknown escape in a string');
        continue;
      }
      if (char.charCodeAt(0) < 0x20) fail('a string cannot hold a raw line break or control character');
      index += 1;
    }
    fail('a string is not closed with "');
  };
  const readNumber = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index));
    if (!match) fail(`expected a value, ${describe()}`);
    index += match![0].length;
  };
  const readValue = (): void => {
    skipSpace();
    const char = text[index];
    if (char === '{') return readContainer('}', true);
    if (char === '[') return readContainer(']', false);
    if (char === '"') return readString();
    if (char === 't') return expectLiteral('true');
    if (char === 'f') return expectLiteral('false');
    if (char === 'n') return expectLiteral('null');
    if (char !== undefined && /[-0-9]/.test(char)) return readNumber();
    fail(`expected a value, ${describe()}`);
  };
  const readContainer = (close: string, isObject: boolean) => {
    index += 1;
    skipSpace();
    if (text[index] === close) {
      index += 1;
      return;
    }
    for (;;) {
      if (isObject) {
        skipSpace();
        if (text[index] !== '"') fail(`expected a "quoted" key, ${describe()}`);
        readString();
        skipSpace();
        if (text[index] !== ':') fail(`expected ':' after the key, ${describe()}`);
        index += 1;
      }
      readValue();
      skipSpace();
      if (text[index] === ',') {
        index += 1;
        continue;
      }
      if (text[index] === close) {
        index += 1;
        return;
      }
      fail(`expected ',' or '${close}', ${describe()}`);
    }
  };
  try {
    readValue();
    skipSpace();
    if (index < text.length) fail(`unexpected ${JSON.stringify(text[index])} after the value`);
    return null;
  } catch (error) {
    if (!(error instanceof JsonSyntax)) throw error;
    return { ...lineAndColumn(text, error.offset), message: error.message };
  }
}

class JsonSyntax extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineBreaks = before.split('\n');
  return { line: lineBreaks.length, column: lineBreaks.at(-1)!.length + 1 };
}

/** The message a field shows: where, then what. */
export function describeJsonProblem(what: string, problem: JsonProblem): string {
  return `${what} are not valid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}`;
}
