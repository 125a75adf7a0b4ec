import { posix } from 'node:path';
import type { PackagingSpec } from '../../../shared/jobs/packagingSpec';
import type { UploadSpec } from '../../../shared/jobs/jobSpec';
import type { Backend } from '../backends/types';
import { cacheFolder, shipProject, type ShipReport, type ShipSummary } from '../packaging/contentCache';
import { listProject, type ProjectFile, type ProjectListing } from '../packaging/projectFiles';

export type { ShipReport as UploadReport } from '../packaging/contentCache';

/** Lists what an upload would copy (ignore names, `exclude`, .gitignore files), hashed, without copying anything. */
export function listUpload(upload: UploadSpec, packaging?: PackagingSpec): Promise<ProjectListing> {
  return listProject(upload, packaging?.exclude ?? []);
}

/**
 * Copies the listed files (and any built extras, such as the project's own wheel) into
 * `destination` on the cluster through the content cache under `baseDir`: only files the cache
 * lacks travel.
 */
export function uploadProject(
  files: readonly ProjectFile[],
  backend: Pick<Backend, 'files' | 'runner'>,
  baseDir: string,
  destination: string,
  report?: ShipReport,
): Promise<ShipSummary> {
  return shipProject(files, { files: backend.files, runner: backend.runner, cacheDir: cacheFolder(baseDir), destination: posix.normalize(destination) }, report);
}
