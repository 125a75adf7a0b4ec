import type { JobSpec } from '../../../shared/jobs/jobSpec';
import type { ShippingSummary } from '../../../shared/jobs/shippingSummary';
import type { PackagingPlan } from './preparePackaging';

/** The preview's account of a plan: sizes, the first files, the environment and the image in words. */
export function describeShipping(spec: JobSpec, plan: PackagingPlan): ShippingSummary {
  const interpreter = spec.task.kind === 'python' ? spec.task.interpreter : 'python3';
  const environment =
    plan.environment.kind === 'venv'
      ? `venv from ${plan.environment.source}${plan.environment.ownWheel ? ' + the project as a wheel' : ''} (built once, cached at ${plan.environment.folder})`
      : plan.container
        ? `the container's ${interpreter}`
        : `system ${interpreter}`;
  return {
    files: plan.files.length,
    bytes: plan.files.reduce((sum, file) => sum + file.size, 0),
    sample: plan.files.slice(0, 20).map((file) => file.relative),
    skipped: plan.skipped.slice(0, 50),
    environment,
    image: plan.container ? `${plan.container.runtime} ${plan.container.image}` : null,
  };
}
