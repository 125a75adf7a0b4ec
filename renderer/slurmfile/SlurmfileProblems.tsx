import type { SlurmfileProblem } from '../../shared/contract/slurmfileMethods';

/** Each problem at its place in the file (file:line:column), errors first. */
export function SlurmfileProblems({ problems }: { problems: SlurmfileProblem[] }) {
  if (problems.length === 0) return null;
  const ordered = [...problems.filter((entry) => entry.severity === 'error'), ...problems.filter((entry) => entry.severity === 'warning')];
  return (
    <ul className="slurmfile-problems" aria-label="Problems in the Slurmfile" data-testid="slurmfile-problems">
      {ordered.map((problem, index) => (
        <li key={`${problem.where}-${index}`} className="slurmfile-problem" data-severity={problem.severity}>
          <span className="slurmfile-problem-severity">{problem.severity === 'error' ? 'Error' : 'Warning'}</span>
          <span className="mono slurmfile-problem-where">{problem.where}</span>
          <span className="slurmfile-problem-message">{problem.message}</span>
        </li>
      ))}
    </ul>
  );
}
