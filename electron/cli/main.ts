import { isAbsolute } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EventHub } from '../../shared/contract/eventHub';
import { AppError } from '../../shared/errors';
import { resolveDataDir } from '../services/app/dataDir';
import { appVersion } from '../services/app/version';
import { openAppServices } from '../services/appServices';
import { runExecutorDaemon } from '../services/backends/embedded/executorDaemon';
import { createLogger } from '../services/log';
import { exitCodes, UsageError } from './cliErrors';
import { cancelCommand, jobsCommand, logsCommand, resultCommand, statusCommand, type CommandContext } from './commands';
import { clustersCommand, hostsCommand } from './clusterCommands';
import { runCallbackHost } from '../services/slurmfile/callbackHost';
import { callbackHostCommand } from '../services/slurmfile/callbackProtocol';
import { slurmfileCommand, submitWithSlurmfile } from './slurmfileCommands';
import { createOutput } from './output';
import { terminalPrompter } from './terminalPrompter';
import { HostKeyPolicySchema, type HostKeyPolicyName } from '../../shared/clusters/clusterProfile';
import { usage } from './usage';

type Options = NonNullable<ParseArgsConfig['options']>;
const many = (): Options[string] => ({ type: 'string', multiple: true, default: [] });
const one = { type: 'string' } as const;
const flag = { type: 'boolean', default: false } as const;

const common: Options = { json: flag, cluster: { type: 'string', default: 'embedded' }, 'host-key-policy': one, help: flag };
const commandOptions: Record<string, Options> = {
  submit: {
    ...common, python: one, args: one, kwargs: one, interpreter: one, setup: many(), name: one, partition: one, account: one, qos: one,
    time: one, nodes: one, ntasks: one, 'cpus-per-task': one, mem: one, 'mem-per-cpu': one, gpus: one, gres: one, constraint: one,
    directive: many(), array: one, items: one, 'max-parallel': one, after: many(), afterany: many(), afternotok: many(), env: many(), upload: many(),
    wait: flag, timeout: one, cluster: one, slurmfile: one, 'slurm-env': one, trust: one, template: one,
  },
  jobs: { ...common, state: one },
  status: common,
  logs: { ...common, stderr: flag, task: one, follow: flag },
  result: { ...common, task: one },
  cancel: common,
  clusters: {
    ...common, host: one, port: one, user: one, key: many(), jump: many(), 'job-base-dir': one, partition: one, account: one,
    'no-agent': flag, 'no-password': flag, 'no-keyboard-interactive': flag, save: flag,
  },
  hosts: { ...common, fingerprint: one },
  slurmfile: { ...common, slurmfile: one, env: one, 'slurm-env': one, trust: one },
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
  if (command === 'executor') return executorCommand(rest);
  // Hidden: runs one Slurmfile callback in its own process, started by the app or the CLI.
  if (command === callbackHostCommand) return runCallbackHost();
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
    authPrompter: terminalPrompter(),
    ...(values['host-key-policy'] ? { hostKeyPolicy: hostKeyPolicy(values['host-key-policy']) } : {}),
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
        return await submitWithSlurmfile(context, { ...(values as object), script: positionals[0] } as never);
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
      case 'clusters':
        return await clustersCommand(context, positionals[0], positionals.slice(1), v);
      case 'hosts':
        return await hostsCommand(context, positionals[0], positionals.slice(1), v);
      case 'slurmfile':
        return await slurmfileCommand(context, positionals[0], positionals.slice(1), v);
      default:
        throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
    }
  } finally {
    await services.close();
  }
}

/**
 * Hidden (not in --help): the executor daemon of "This computer", which the app and the CLI start
 * themselves. `--idle-ms` shortens its idle time (tests).
 */
async function executorCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: { 'idle-ms': one }, allowPositionals: true, strict: true });
  const stateDir = positionals[0];
  if (positionals.length !== 1 || stateDir === undefined || !isAbsolute(stateDir)) throw new UsageError('executor takes the absolute path of a state folder.');
  const idleMs = values['idle-ms'] === undefined ? undefined : Number(values['idle-ms']);
  if (idleMs !== undefined && !(Number.isInteger(idleMs) && idleMs > 0)) throw new UsageError('--idle-ms takes a whole number of milliseconds.');
  return runExecutorDaemon(stateDir, idleMs === undefined ? {} : { idleMs });
}

function hostKeyPolicy(value: unknown): HostKeyPolicyName {
  const parsed = HostKeyPolicySchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--host-key-policy is one of auto, warn, reject, ask; not ${JSON.stringify(value)}.`);
  return parsed.data;
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
