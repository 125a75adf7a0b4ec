import type { Handlers } from '../../../shared/contract/dispatcher';
import type { EventPayload } from '../../../shared/contract/index';
import { AppError } from '../../../shared/errors';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import type { AuditLog } from '../audit/auditLog';
import type { Backend } from '../backends/types';
import { downloadJobFile } from './downloadJobFile';
import { resolveJobFile } from './jobFileAccess';
import { readByteRange } from './readByteRange';
import { UploadStaging } from './uploadStaging';

export type JobFileDeps = {
  jobs: { get(id: string): JobRecord };
  backend: (cluster: string) => Backend;
  /** The downloads folder on this computer, read at each download (a setting, never a parameter). */
  downloadRoot: () => string;
  /** Where upload chunks wait on this computer until the last one arrives (private to the app). */
  stagingDir: string;
  onTransfer: (progress: EventPayload<'transfer.progress'>) => void;
  audit?: AuditLog;
};

/** jobs.readFile, jobs.download and jobs.upload: one file of a job folder, by a path relative to it. */
export function createJobFileHandlers(deps: JobFileDeps): Pick<Handlers, 'jobs.readFile' | 'jobs.download' | 'jobs.upload'> {
  const staging = new UploadStaging(deps.stagingDir);
  return {
    'jobs.readFile': async ({ id, path, offset, length, encoding }) => {
      const record = deps.jobs.get(id);
      const files = deps.backend(record.cluster).files;
      const target = await resolveJobFile(files, record.jobDir, path, { field: 'path', mustExist: true });
      return readByteRange(files, target, `${path} in the job folder ${record.jobDir}`, { offset, length, encoding });
    },
    'jobs.download': async ({ id, path }, context) => {
      const record = deps.jobs.get(id);
      const files = deps.backend(record.cluster).files;
      const source = await resolveJobFile(files, record.jobDir, path, { field: 'path', mustExist: true });
      try {
        const result = await downloadJobFile({ files, source, relative: path, jobName: record.name, root: deps.downloadRoot(), signal: context.signal, onProgress: (progress) => deps.onTransfer({ cluster: record.cluster, direction: 'download', path, ...progress }) });
        deps.audit?.record({ event: 'transfer', cluster: record.cluster, direction: 'download', path: source, bytes: result.size, outcome: 'done' });
        return result;
      } catch (error) {
        deps.audit?.record({ event: 'transfer', cluster: record.cluster, direction: 'download', path: source, bytes: 0, outcome: error instanceof AppError ? error.code : 'failed' });
        throw error;
      }
    },
    'jobs.upload': async ({ id, name, offset, size, dataBase64, final }) => {
      const record = deps.jobs.get(id);
      const files = deps.backend(record.cluster).files;
      // Checked on every chunk, so nothing is staged for a path that will be refused at the end.
      await resolveJobFile(files, record.jobDir, name, { field: 'name', mustExist: false });
      const received = await staging.append(record.id, name, { offset, size, data: Buffer.from(dataBase64, 'base64') });
      deps.onTransfer({ cluster: record.cluster, direction: 'upload', path: name, transferred: received, total: size, bytesPerSecond: 0 });
      if (!final) return { received, done: false, path: null };
      const target = await resolveJobFile(files, record.jobDir, name, { field: 'name', mustExist: false });
      const existing = await files.stat(target);
      if (existing?.isDirectory) throw new AppError('not-a-file', `${name} is a folder in the job folder; choose another name.`, [{ path: 'name', message: 'A folder has this name.' }]);
      const staged = staging.finish(record.id, name, size);
      try {
        await staged.moveTo(files, target, (progress) => deps.onTransfer({ cluster: record.cluster, direction: 'upload', path: name, ...progress }));
        deps.audit?.record({ event: 'transfer', cluster: record.cluster, direction: 'upload', path: target, bytes: size, outcome: 'done' });
      } finally {
        await staged.discard();
      }
      return { received: size, done: true, path: name };
    },
  };
}
