import type { Handlers } from '../../../shared/contract/dispatcher';
import { summarize } from '../../../shared/jobs/jobRecord';
import { JobSpecSchema } from '../../../shared/jobs/jobSpec';
import type { SlurmfileService } from './slurmfileService';

type SlurmfileMethods = 'slurmfiles.open' | 'slurmfiles.trust' | 'slurmfiles.revoke' | 'slurmfiles.trusted' | 'slurmfiles.recent' | 'slurmfiles.template' | 'slurmfiles.submit';

/** The contract's slurmfiles.* methods; payloads were validated by the dispatcher. */
export function createSlurmfileHandlers(service: SlurmfileService, onSubmitted: () => void): Pick<Handlers, SlurmfileMethods> {
  return {
    'slurmfiles.open': ({ path, environment }) => service.open(path, environment),
    'slurmfiles.trust': ({ file, sha256 }) => service.trust(file, sha256),
    'slurmfiles.revoke': ({ file }) => ({ revoked: service.revoke(file) }),
    'slurmfiles.trusted': () => ({ slurmfiles: service.store.list() }),
    'slurmfiles.recent': () => ({ slurmfiles: service.store.recent() }),
    'slurmfiles.template': ({ file, environment, name }) => ({ spec: JobSpecSchema.parse(service.template(file, environment, name)) }),
    'slurmfiles.submit': async ({ file, environment, template, spec }, context) => {
      const record = await service.submit({ file, environment, template, spec }, context.signal);
      onSubmitted();
      return summarize(record);
    },
  };
}
