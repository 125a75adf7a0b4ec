import { Icon } from '../theme/Icon';
import { fieldForPath } from './fieldErrorsFromAppError';
import { fieldLabels } from './fieldLabels';
import type { FieldKey } from './submitFormStore';
import type { SubmitProblems } from './useSubmitActions';

function nameOf(path: string): string {
  const field = path in fieldLabels ? (path as FieldKey) : fieldForPath(path);
  return field ? fieldLabels[field] : path;
}

/** Everything that stopped the job, in one place, next to the buttons the person just pressed. */
export function SubmitProblemSummary({ problems }: { problems: SubmitProblems }) {
  if (!problems.message) return null;
  return (
    <div className="banner submit-problems" data-level="error" role="alert" data-testid="submit-problems">
      <Icon name="error" className="banner-icon" />
      <div className="banner-body">
        <p className="banner-title">{problems.message}</p>
        {problems.details.length > 0 && (
          <ul className="submit-problem-list">
            {problems.details.map((detail) => (
              <li key={`${detail.path}:${detail.message}`}>
                <strong>{nameOf(detail.path)}</strong>: {detail.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
