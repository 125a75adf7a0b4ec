import type { SlurmfileProblem, SlurmfileView } from '../../shared/contract/slurmfileMethods';

/** Where an open Slurmfile stands, in the words the project bar uses. */
export type TrustState = 'trusted' | 'untrusted' | 'invalid';

export function errorsOf(view: SlurmfileView): SlurmfileProblem[] {
  return view.problems.filter((problem) => problem.severity === 'error');
}

/** A file with an error is used for nothing, so it cannot be trusted either. */
export function trustStateOf(view: SlurmfileView): TrustState {
  if (errorsOf(view).length > 0 || view.chosen === null) return 'invalid';
  return view.trusted ? 'trusted' : 'untrusted';
}

const runningCallbacks = (view: SlurmfileView) => view.callbacks.filter((callback) => callback.runs).length;

/** One sentence saying what this state means for templates and callbacks. */
export function describeTrust(view: SlurmfileView): string {
  const state = trustStateOf(view);
  switch (state) {
    case 'invalid':
      return 'This Slurmfile has errors: nothing from it is used and it cannot be trusted until they are fixed.';
    case 'untrusted':
      return 'Not trusted: no template is offered and no callback runs until you review and trust this exact content.';
    case 'trusted': {
      const count = runningCallbacks(view);
      const templates = view.templates.length > 0 ? 'its templates are offered in the Template list' : 'this environment has no templates';
      const callbacks = count === 0 ? '' : ` and ${count === 1 ? 'its callback hears' : `its ${count} callbacks hear`} the jobs you submit here`;
      return `Trusted in this exact content: ${templates}${callbacks}.`;
    }
  }
}

/** What the Submit button sends through: the Slurmfile only when it is trusted and an environment is chosen. */
export type SubmitRoute = { via: 'jobs' } | { via: 'slurmfile'; file: string; environment: string; template: string | null };

export function submitRouteOf(view: SlurmfileView | null, template: string | null): SubmitRoute {
  if (!view || view.chosen === null || trustStateOf(view) !== 'trusted') return { via: 'jobs' };
  const known = template !== null && view.templates.some((entry) => entry.name === template);
  return { via: 'slurmfile', file: view.file, environment: view.chosen, template: known ? template : null };
}

/** The last two parts of a path, enough to tell recent projects apart in a short list. */
export function shortPlace(file: string): string {
  const parts = file.split(/[\\/]/).filter((part) => part !== '');
  return parts.slice(-2).join('/') || file;
}
