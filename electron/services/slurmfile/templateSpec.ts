import { homedir, userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { ClusterProfileInput } from '../../../shared/clusters/clusterProfile';
import { AppError } from '../../../shared/errors';
import type { JobSpecInput, Resources } from '../../../shared/jobs/jobSpec';
import { packagingFromTable } from '../../../shared/slurmfile/packagingTable';
import type { SlurmfileCluster, SlurmfileResources, SlurmfileTemplate } from '../../../shared/slurmfile/slurmfileSchema';
import { readRegularFile } from '../fs/readRegularFile';
import type { LoadedEnvironment } from './loadSlurmfile';

/** A job script is text a person reads; a template pointing at anything larger is a mistake. */
const maxTemplateScriptBytes = 4 * 1024 * 1024;

/** The cluster name jobs of this environment carry: `cluster.name`, else the backend (or the SSH host). */
export function clusterNameOf(cluster: SlurmfileCluster): string {
  if (cluster.name) return cluster.name;
  if (cluster.backend !== 'ssh') return cluster.backend;
  const host = cluster.host ?? cluster.backend_config?.hostname;
  return host ? host.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'slurmfile' : 'slurmfile';
}

/** Submit defaults and a template's resources (the template wins) in the job spec's shape. */
export function toResources(...layers: (SlurmfileResources | undefined)[]): Resources {
  const merged: SlurmfileResources = Object.assign({}, ...layers.filter(Boolean));
  const { cpus_per_task: cpusPerTask, mem_per_cpu: memPerCpu, extra, ...same } = merged;
  return { ...same, ...(cpusPerTask !== undefined ? { cpusPerTask } : {}), ...(memPerCpu !== undefined ? { memPerCpu } : {}), extra: extra ?? [] };
}

/**
 * A template as a job spec input (the Submit form's starting point, or `submit --template`).
 * Files are relative to the Slurmfile's folder, which is also the upload root.
 */
export function templateJobSpec(file: string, environment: LoadedEnvironment, name: string): JobSpecInput {
  const template: SlurmfileTemplate | undefined = environment.config.templates[name];
  if (!template) {
    const known = Object.keys(environment.config.templates);
    throw new AppError('template-not-found', `${file}: environment ${environment.name} has no template ${JSON.stringify(name)}${known.length > 0 ? `; it has ${known.join(', ')}` : ''}.`);
  }
  const folder = dirname(file);
  const includes: string[] = [];
  // A [packaging] table makes the Slurmfile's folder the project: all of it ships (minus its ignores).
  const packaging = environment.config.packaging ? packagingFromTable(environment.config.packaging) : null;
  let task: JobSpecInput['task'];
  if (template.script !== undefined) {
    const path = resolve(folder, template.script);
    // A project's template may point at a FIFO or a device: refused by the bounded reader.
    const read = readRegularFile(path, maxTemplateScriptBytes);
    if (!read.ok) {
      const why = read.problem === 'unreadable' ? read.code : read.problem === 'not-a-file' ? `it is a ${read.kind}` : `it is ${read.size} bytes, over ${maxTemplateScriptBytes}`;
      throw new AppError('template-invalid', `${environment.where(['templates', name, 'script'])}: the script ${path} cannot be read (${why}).`);
    }
    const body = read.bytes.toString('utf8');
    task = { kind: 'script', body, sourceFile: path };
  } else if (template.command !== undefined) {
    task = { kind: 'script', body: template.command };
  } else {
    const target = template.python!;
    const modulePart = target.slice(0, target.lastIndexOf(':'));
    if (modulePart.endsWith('.py')) includes.push(inside(folder, modulePart, environment.where(['templates', name, 'python'])));
    task = {
      kind: 'python',
      target,
      args: template.args ?? [],
      kwargs: template.kwargs ?? {},
      setup: template.setup ?? [],
      ...(template.interpreter ?? packaging?.interpreter ? { interpreter: template.interpreter ?? packaging!.interpreter! } : {}),
    } as JobSpecInput['task'];
  }
  for (const [index, path] of (template.upload ?? []).entries()) includes.push(inside(folder, path, environment.where(['templates', name, 'upload', index])));
  return {
    name: template.name ?? (name.replace(/[^A-Za-z0-9_.+-]/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'job'),
    cluster: clusterNameOf(environment.config.cluster),
    task,
    resources: toResources(environment.config.submit, template.resources),
    ...(template.array ? { array: { range: template.array } } : {}),
    ...(template.environment ? { environment: template.environment } : {}),
    ...(packaging ? { upload: { root: folder, include: ['.'] }, packaging: packaging.packaging } : includes.length > 0 ? { upload: { root: folder, include: includes } } : {}),
  };
}

function inside(folder: string, path: string, where: string): string {
  const rel = relative(folder, resolve(folder, path));
  if (rel.startsWith('..') || resolve(folder, path) !== join(folder, rel)) throw new AppError('template-invalid', `${where}: ${path} is outside the project folder ${folder}.`);
  return rel || '.';
}

/**
 * The SSH settings of an environment as a cluster profile (used only while no saved profile of
 * that name exists). Secrets are never part of it: they come from the keychain or the person.
 */
export function profileFromCluster(cluster: SlurmfileCluster): ClusterProfileInput {
  const seed = cluster.backend_config ?? {};
  const host = cluster.host ?? seed.hostname ?? '';
  const keys = [cluster.key ?? seed.key_filename ?? []].flat().map((key) => (key.startsWith('~/') ? join(homedir(), key.slice(2)) : key));
  return {
    name: clusterNameOf(cluster),
    host,
    port: cluster.port ?? seed.port ?? 22,
    user: cluster.user ?? seed.username ?? userInfo().username,
    auth: { agent: seed.allow_agent ?? true, keyFiles: keys, password: true, keyboardInteractive: true },
    jump: (cluster.jump ?? []).map((hop) => {
      const [user, rest] = hop.split('@') as [string, string];
      const match = /^(.*?)(?::(\d+))?$/.exec(rest)!;
      return { user, host: match[1]!, port: match[2] ? Number(match[2]) : 22 };
    }),
    ...(cluster.host_key_policy ? { hostKeyPolicy: cluster.host_key_policy } : {}),
    ...(cluster.job_base_dir ? { jobBaseDir: cluster.job_base_dir } : {}),
  };
}
