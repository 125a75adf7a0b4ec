import type { SlurmfileEnvironment, SlurmfileResources } from './slurmfileSchema';

/**
 * The `[submit]` fields an untrusted Slurmfile may still set: how much a job asks for. None of
 * them changes where it runs (cluster, partition, reservation), what it writes or reads (output,
 * chdir, open-mode: only as extra directives), who pays (account, qos) or who is told (mail-user):
 * at worst the job waits longer in the queue or is refused by the scheduler, which the person sees.
 */
export const untrustedSubmitFields = ['time', 'nodes', 'ntasks', 'cpus_per_task', 'mem', 'mem_per_cpu'] as const;

/** What an untrusted Slurmfile environment contributes, and each thing it would have set but may not. */
export type UntrustedUse = { submit: SlurmfileResources; ignored: string[] };

export function untrustedUse(config: SlurmfileEnvironment): UntrustedUse {
  const submit: SlurmfileResources = {};
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(config.submit) as [keyof SlurmfileResources, unknown][]) {
    if (value === undefined) continue;
    if ((untrustedSubmitFields as readonly string[]).includes(key)) {
      Object.assign(submit, { [key]: value });
    } else {
      const shown = Array.isArray(value) ? value.join(' ') : String(value);
      ignored.push(`submit.${key} = ${shown}: an untrusted Slurmfile may set only ${untrustedSubmitFields.join(', ')}`);
    }
  }
  const cluster = config.cluster;
  if (cluster.backend !== 'embedded' || cluster.name !== undefined) {
    const place = cluster.host ?? cluster.backend_config?.hostname;
    ignored.push(`cluster ${cluster.name ?? cluster.backend} (${cluster.backend}${place ? `, ${place}` : ''}): an untrusted Slurmfile does not choose where jobs run`);
  }
  const templates = Object.keys(config.templates);
  if (templates.length > 0) ignored.push(`templates ${templates.join(', ')}: offered only from a trusted Slurmfile`);
  if (config.callbacks.length > 0) ignored.push(`${config.callbacks.length === 1 ? 'its callback' : `its ${config.callbacks.length} callbacks`}: run only for a trusted Slurmfile`);
  return { submit, ignored };
}
