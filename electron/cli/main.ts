import { isAbsolute } from 'node:path';
import { EventHub } from '../../shared/contract/eventHub';
import { resolveDataDir } from '../services/app/dataDir';
import { appVersion } from '../services/app/version';
import { openAppServices } from '../services/appServices';
import { runExecutorDaemon } from '../services/backends/embedded/executorDaemon';
import { createLogger } from '../services/log';
import { exitCodes, UsageError } from './cliErrors';
import { reportFailure } from './cliFailure';
import { cancelCommand, type CommandContext } from './commands';
import { controlCommand, foreignLogsCommand, jobsCommand, queueCommand, statusCommand, updateCommand } from './queueCommands';
import { efficiencyCommand, nodesCommand } from './queueViewCommands';
import { logsCommand, resultCommand } from './jobOutputCommands';
import { resultsCommand } from './resultsCommand';
import { downloadCommand, filesCommand } from './fileCommands';
import { clustersCommand, hostsCommand } from './clusterCommands';
import { insideUtilityProcess, runCallbackHost } from '../services/slurmfile/callbackHost';
import { callbackHostCommand } from '../services/slurmfile/callbackProtocol';
import { slurmfileCommand, submitWithSlurmfile } from './slurmfileCommands';
import { createOutput, type Output } from './output';
import { parseCommandLine, type Options } from './parseCommandLine';
import { terminalPrompter } from './terminalPrompter';
import { HostKeyPolicySchema, type HostKeyPolicyName } from '../../shared/clusters/clusterProfile';
import { usage } from './usage';
import { forwardCommand, openCommand, shellCommand, webAppCommand } from './interactiveCommands';

const many = { type: 'string', multiple: true, default: [] as string[] } as const;
const one = { type: 'string' } as const;
const flag = { type: 'boolean', default: false } as const;

const common = { json: flag, cluster: { type: 'string', default: 'embedded' }, 'host-key-policy': one, help: flag } as const;
const commandOptions = {
  submit: {
    ...common, python: one, args: one, kwargs: one, interpreter: one, setup: many, name: one, partition: one, account: one, qos: one,
    time: one, nodes: one, ntasks: one, 'cpus-per-task': one, mem: one, 'mem-per-cpu': one, gpus: one, gres: one, constraint: one,
    directive: many, array: one, items: one, 'max-parallel': one, after: many, afterany: many, afternotok: many, env: many, upload: many,
    project: one, 'python-env': one, requirements: one, wheelhouse: one, exclude: many, container: one,
    wait: flag, timeout: one, cluster: one, slurmfile: one, 'slurm-env': one, trust: one, template: one,
  },
  jobs: { ...common, state: one, cluster: one, 'app-only': flag, 'all-sources': flag, history: one },
  status: { ...common, cluster: one },
  logs: { ...common, cluster: one, stderr: flag, task: one, follow: flag, raw: flag },
  result: { ...common, task: one },
  cancel: { ...common, cluster: one, signal: one },
  queue: { ...common, cluster: one, history: one, unroll: flag, partition: one },
  hold: { ...common, cluster: one },
  release: { ...common, cluster: one },
  requeue: { ...common, cluster: one },
  update: { ...common, cluster: one, time: one, name: one, partition: one, dependency: one, nice: one },
  efficiency: { ...common, cluster: one },
  nodes: { ...common, cluster: one, partition: one },
  results: { ...common, format: one },
  files: { ...common, cluster: one, all: flag },
  download: { ...common, cluster: one, to: one, resume: flag },
  clusters: {
    ...common, host: one, port: one, user: one, key: many, jump: many, 'job-base-dir': one, partition: one, account: one,
    'no-agent': flag, 'no-password': flag, 'no-keyboard-interactive': flag, save: flag,
  },
  hosts: { ...common, fingerprint: one },
  slurmfile: { ...common, slurmfile: one, env: one, 'slurm-env': one, trust: one },
  shell: { ...common, job: one, node: one },
  forward: { ...common, cluster: one, local: one, node: one },
  open: common,
  webapp: { ...common, command: one, 'log-dir': one },
} as const satisfies Record<string, Options>;
type CommandName = keyof typeof commandOptions;

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commandOptions, name);
}

/** `slurmdesk`: the same services and data folder as the app, for terminals and scripts. */
export async function runCli(argv: readonly string[], output: Output): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    output.print({ usage: usage() }, () => usage().trimEnd());
    return command === undefined ? exitCodes.usage : exitCodes.success;
  }
  if (command === '--version') {
    output.print({ version: appVersion }, () => appVersion);
    return exitCodes.success;
  }
  if (command === 'executor') return executorCommand(rest);
  // Hidden: runs one Slurmfile callback in its own process, started by the app or the CLI.
  if (command === callbackHostCommand) return runCallbackHost();
  if (!isCommandName(command)) throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  const { values } = parseCommandLine(rest, commandOptions[command]);
  if (values.help) {
    output.print({ usage: usage() }, () => usage().trimEnd());
    return exitCodes.success;
  }
  // The services' warnings may quote a server (a host name, a reason): they go through the output too.
  const log = createLogger('cli', (line) => output.log(line.replace(/\n$/, '')));
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
  const context: CommandContext = { services, output, cwd: process.cwd() };
  try {
    await services.engine.recover();
    return await runCommand(context, command, rest);
  } finally {
    await services.close();
  }
}

/** Each command reads its own flags, typed by its entry in commandOptions. */
async function runCommand(context: CommandContext, command: CommandName, args: readonly string[]): Promise<number> {
  switch (command) {
    case 'submit': {
      const { values, positionals } = parseCommandLine(args, commandOptions.submit);
      if (positionals.length > 1) throw new UsageError('submit takes at most one script file.');
      return submitWithSlurmfile(context, { ...values, script: positionals[0] });
    }
    case 'jobs':
      return jobsCommand(context, parseCommandLine(args, commandOptions.jobs).values);
    case 'status': {
      const { values, positionals } = parseCommandLine(args, commandOptions.status);
      return statusCommand(context, single(positionals, 'status'), values);
    }
    case 'logs': {
      const { values, positionals } = parseCommandLine(args, commandOptions.logs);
      const id = single(positionals, 'logs');
      return isAppJob(context, id, values.cluster) ? logsCommand(context, id, values) : foreignLogsCommand(context, id, values);
    }
    case 'result': {
      const { values, positionals } = parseCommandLine(args, commandOptions.result);
      return resultCommand(context, single(positionals, 'result'), values);
    }
    case 'cancel': {
      const { values, positionals } = parseCommandLine(args, commandOptions.cancel);
      // The app's own jobs are cancelled through the engine (it then knows the end was asked for).
      if (values.signal === undefined && positionals.length > 0 && positionals.every((id) => isAppJob(context, id, values.cluster))) return cancelCommand(context, positionals);
      return controlCommand(context, 'cancel', positionals, values);
    }
    case 'queue':
      return queueCommand(context, parseCommandLine(args, commandOptions.queue).values);
    case 'hold':
    case 'release':
    case 'requeue': {
      const { values, positionals } = parseCommandLine(args, commandOptions[command]);
      return controlCommand(context, command, positionals, values);
    }
    case 'update': {
      const { values, positionals } = parseCommandLine(args, commandOptions.update);
      return updateCommand(context, single(positionals, 'update'), values);
    }
    case 'efficiency': {
      const { values, positionals } = parseCommandLine(args, commandOptions.efficiency);
      return efficiencyCommand(context, positionals, values);
    }
    case 'nodes':
      return nodesCommand(context, parseCommandLine(args, commandOptions.nodes).values);
    case 'results': {
      const { values, positionals } = parseCommandLine(args, commandOptions.results);
      return resultsCommand(context, positionals, values);
    }
    case 'files': {
      const { values, positionals } = parseCommandLine(args, commandOptions.files);
      return filesCommand(context, positionals, values);
    }
    case 'download': {
      const { values, positionals } = parseCommandLine(args, commandOptions.download);
      return downloadCommand(context, positionals, values);
    }
    case 'clusters': {
      const { values, positionals } = parseCommandLine(args, commandOptions.clusters);
      return clustersCommand(context, positionals[0], positionals.slice(1), values);
    }
    case 'hosts': {
      const { values, positionals } = parseCommandLine(args, commandOptions.hosts);
      return hostsCommand(context, positionals[0], positionals.slice(1), values);
    }
    case 'slurmfile': {
      const { values, positionals } = parseCommandLine(args, commandOptions.slurmfile);
      return slurmfileCommand(context, positionals[0], positionals.slice(1), values);
    }
    case 'shell':
      return shellCommand(context, parseCommandLine(args, commandOptions.shell).values);
    case 'forward': {
      const { values, positionals } = parseCommandLine(args, commandOptions.forward);
      return forwardCommand(context, positionals, values);
    }
    case 'open':
      return openCommand(context, single(parseCommandLine(args, commandOptions.open).positionals, 'open'));
    case 'webapp': {
      const { values, positionals } = parseCommandLine(args, commandOptions.webapp);
      return webAppCommand(context, positionals, values);
    }
  }
}

/**
 * Hidden (not in --help): the executor daemon of "This computer", which the app and the CLI start
 * themselves. `--idle-ms` shortens its idle time (tests).
 */
async function executorCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { 'idle-ms': one });
  const stateDir = positionals[0];
  if (positionals.length !== 1 || stateDir === undefined || !isAbsolute(stateDir)) throw new UsageError('executor takes the absolute path of a state folder.');
  const idleMs = values['idle-ms'] === undefined ? undefined : Number(values['idle-ms']);
  if (idleMs !== undefined && !(Number.isInteger(idleMs) && idleMs > 0)) throw new UsageError('--idle-ms takes a whole number of milliseconds.');
  return runExecutorDaemon(stateDir, idleMs === undefined ? {} : { idleMs });
}

/** An sd- id, or a Slurm id of a job this app submitted (on the named cluster, when one is named). */
function isAppJob(context: CommandContext, id: string, cluster: string | undefined): boolean {
  if (id.startsWith('sd-')) return true;
  const slurmId = id.split('_')[0];
  return [...context.services.engine.journal.all()].some((record) => record.slurmId === slurmId && (cluster === undefined || record.cluster === cluster));
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

// The desktop app starts this bundle in a utility process only to host a Slurmfile callback.
const argv = insideUtilityProcess() ? [callbackHostCommand] : process.argv.slice(2);
// Known before parsing, so that a command line that does not parse still fails as JSON.
const output = createOutput(argv.includes('--json'));
runCli(argv, output).then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(reportFailure(error, output)),
);
