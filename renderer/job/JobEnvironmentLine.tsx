import type { JobSpec } from '../../shared/jobs/jobSpec';

/** In words: the Python a job ran with, or null for a script job without packaging. */
function environmentText(spec: JobSpec): string | null {
  const packaging = spec.packaging;
  if (packaging?.python === 'venv' || packaging?.python === 'wheel') {
    const what = packaging.python === 'wheel' ? 'the project as a wheel, in a venv' : 'a venv';
    const wheels = packaging.wheelhouse ? ` (wheels from ${packaging.wheelhouse}/ only)` : '';
    return `${what} built on the cluster from ${packaging.requirements ?? 'the project'}${wheels}`;
  }
  if (spec.task.kind !== 'python') return null;
  return `${packaging?.container ? "the container's" : "the cluster's"} ${spec.task.interpreter}`;
}

/** Which environment and image the job ran with, and where the job folder keeps its build log. */
export function JobEnvironmentLine({ spec }: { spec: JobSpec }) {
  const environment = environmentText(spec);
  const container = spec.packaging?.container;
  if (!environment && !container) return null;
  const logged = container !== undefined || (spec.packaging !== undefined && spec.packaging.python !== 'system');
  return (
    <p className="form-hint" data-testid="job-environment">
      {environment && <>Ran with {environment}. </>}
      {container && (
        <>
          Image <span className="mono">{container.image}</span> ({container.runtime}).{' '}
        </>
      )}
      {logged && (
        <>
          Details and build log: <span className="mono">environment.log</span> under Files.
        </>
      )}
    </p>
  );
}
