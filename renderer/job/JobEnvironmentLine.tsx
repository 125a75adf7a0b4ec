import type { JobSpec } from '../../shared/jobs/jobSpec';

/** Which environment and image the job ran with, and where the job folder keeps its build log. */
export function JobEnvironmentLine({ spec }: { spec: JobSpec }) {
  const packaging = spec.packaging;
  const interpreter = spec.task.kind === 'python' ? spec.task.interpreter : null;
  const environment =
    packaging?.python === 'venv' || packaging?.python === 'wheel'
      ? `${packaging.python === 'wheel' ? 'the project as a wheel, in a venv' : 'a venv'} built on the cluster from ${packaging.requirements ?? 'the project'}${packaging.wheelhouse ? ` (wheels from ${packaging.wheelhouse}/ only)` : ''}`
      : interpreter
        ? `${packaging?.container ? "the container's" : "the cluster's"} ${interpreter}`
        : null;
  if (!environment && !packaging?.container) return null;
  return (
    <p className="form-hint" data-testid="job-environment">
      {environment && <>Ran with {environment}. </>}
      {packaging?.container && (
        <>
          Image <span className="mono">{packaging.container.image}</span> ({packaging.container.runtime}).{' '}
        </>
      )}
      {(packaging?.python !== undefined && packaging.python !== 'system') || packaging?.container ? (
        <>
          Details and build log: <span className="mono">environment.log</span> under Files.
        </>
      ) : null}
    </p>
  );
}
