/**
 * Scoped loggers (`web`, `ssh:hpc.example.org:22`). Lines go to stderr so stdout stays for what
 * the person asked for (the browser-mode URL, CLI output). Never pass a secret here.
 */
export type Logger = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
};

export function createLogger(scope: string, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (level: string, message: string) => write(`${new Date().toISOString()} ${level} [${scope}] ${message}\n`);
  return {
    info: (message) => emit('info', message),
    warn: (message) => emit('warn', message),
    error: (message, error) => emit('error', error === undefined ? message : `${message}: ${describe(error)}`),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
