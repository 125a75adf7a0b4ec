import type { JobSpec } from '../../../shared/jobs/jobSpec';
import type { ContainerSpec } from '../../../shared/jobs/packagingSpec';
import { cacheFolder } from './contentCache';
import { checkImportable } from './importCheck';
import { buildOwnWheel, ownWheelFolder } from './ownWheel';
import { listProject, type ProjectFile, type SkippedFile } from './projectFiles';
import { planEnvironment, type EnvironmentPlan } from './pythonEnvironment';

/** What a job ships and runs in, decided on this computer before anything is written. */
export type PackagingPlan = {
  /** Every file of the job's project snapshot (the project's listed files and a built wheel). */
  files: ProjectFile[];
  skipped: SkippedFile[];
  environment: EnvironmentPlan;
  container: ContainerSpec | null;
};

/** A plan with nothing to ship: a job without an upload or packaging. */
export const noPackaging: PackagingPlan = { files: [], skipped: [], environment: { kind: 'system' }, container: null };

/**
 * Lists and hashes the project, catches a target that cannot be imported, builds the project's
 * wheel when asked, and decides the venv. `baseDir` is the cluster's job base (absolute).
 */
export async function preparePackaging(spec: JobSpec, baseDir: string, options: { buildWheel?: boolean } = {}): Promise<PackagingPlan> {
  const packaging = spec.packaging;
  if (!spec.upload) return { ...noPackaging, container: packaging?.container ?? null };
  const listing = await listProject(spec.upload, packaging?.exclude ?? []);
  if (spec.task.kind === 'python') checkImportable(spec.task, listing.files);
  const files = [...listing.files];
  let ownWheel: string | null = null;
  if (packaging?.python === 'wheel') {
    // A preview names the wheel without building it: the form asks for previews as the person types.
    const wheel = options.buildWheel === false ? null : await buildOwnWheel(spec.upload.root);
    if (wheel) files.push(wheel);
    ownWheel = wheel?.relative ?? `${ownWheelFolder}/built-when-submitted.whl`;
  }
  const interpreter = spec.task.kind === 'python' ? spec.task.interpreter : 'python3';
  const environment = await planEnvironment(packaging, listing.files, { interpreter, cacheDir: cacheFolder(baseDir), ownWheel });
  return { files, skipped: listing.skipped, environment, container: packaging?.container ?? null };
}
