import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EventHub } from '../../shared/contract/eventHub';
import { AppError } from '../../shared/errors';
import { resolveDataDir } from '../services/app/dataDir';
import { appVersion } from '../services/app/version';
import { openAppServices } from '../services/appServices';
import { createLogger } from '../services/log';
import { exitCodes, UsageError } from './cliErrors';
import { cancelCommand, jobsCommand, logsCommand, resultCommand, statusCommand, submitCommand, type CommandContext } from './commands';
import { createOutput } from './output';
import { usage } from './usage';

type Options = NonNullable<ParseArgsConfig['options']>;
const many = (): Options[string] => ({ type: 'string', multiple: true, default: [] });
const one = { type: 'string' } as const;
const flag = { type: 'boolean', default: false } as const;

const common: Options = { json: flag, cluster: { type: 'string', default: 'embedded' }, help: flag };
const commandOptions: Record<string, Options> = {
  submit: {
    ...common, python: one, args: one, kwargs: one, interpreter: one, setup: many(), name: one, partition: one, account: one, qos: one,
    time: one, nodes: one, ntasks: one, 'cpus-per-task': one, mem: one, 'mem-per-cpu': one, gpus: one, gres: one, constraint: one,
    directive: many(), array: one, items: one, 'max-parallel': one, after: many(), afterany: many(), afternotok: many(), env: many(), upload: many(),
    wait: flag, timeout: one,
  },
  jobs: { ...common, state: one },
  status: common,
  logs: { ...common, stderr: flag, task: one, follow: flag },
  result: { ...common, task: one },
  cancel: common,
};

/** `slurmdesk`: the same services and data folder as the app, for terminals and scripts. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage());
    return command === undefined ? exitCodes.usage : exitCodes.success;
  }
  if (command === '--version') {
    process.stdout.write(`${appVersion}\n`);
    return exitCodes.success;
  }
  const options = commandOptions[command];
  if (!options) throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  const { values, positionals } = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
  if (values.help) {
    process.stdout.write(usage());
    return exitCodes.success;
  }
  const log = createLogger('cli');
  const services = openAppServices({
    dataDir: resolveDataDir(),
    electronVersion: null,
    openExternal: async () => false,
    hub: new EventHub(),
    log: { ...log, info: () => {} },
    backgroundRefresh: false,
  });
  const context: CommandContext = {
    services,
    output: createOutput(values.json === true),
    cwd: process.cwd(),
    log: (text) => process.stderr.write(`${text}\n`),
  };
  try {
    await services.engine.recover();
    // parseArgs checked names and types against commandOptions; the commands read what they need.
    const v = values as never;
    switch (command) {
      case 'submit':
        if (positionals.length > 1) throw new UsageError('submit takes at most one script file.');
        return await submitCommand(context, { ...(values as object), script: positionals[0] } as never);
      case 'jobs':
        return await jobsCommand(context, v);
      case 'status':
        return await statusCommand(context, single(positionals, 'status'));
      case 'logs':
        return await logsCommand(context, single(positionals, 'logs'), v);
      case 'result':
        return await resultCommand(context, single(positionals, 'result'), v);
      case 'cancel':
        return await cancelCommand(context, positionals);
      default:
        throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
    }
  } finally {
    await services.close();
  }
}

function single(positionals: readonly string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command} takes exactly one job id (sd-… or the Slurm id).`);
  return positionals[0]!;
}

export function reportFailure(error: unknown, json: boolean): number {
  if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    process.stderr.write(`slurmdesk: ${error.message}\nRun slurmdesk --help for the commands and flags.\n`);
    return exitCodes.usage;
  }
  if (error instanceof AppError) {
    if (json) process.stdout.write(`${JSON.stringify({ error: error.toJSON() }, null, 2)}\n`);
    const details = (error.details ?? []).slice(1).map((detail) => `\n  ${detail.path}: ${detail.message}`).join('');
    process.stderr.write(`slurmdesk: ${error.message}${details}\n`);
    return exitCodes.failure;
  }
  process.stderr.write(`slurmdesk: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return exitCodes.failure;
}

const argv = process.argv.slice(2);
runCli(argv).then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(reportFailure(error, argv.includes('--json'))),
);
