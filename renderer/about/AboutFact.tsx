import type { ReactNode } from 'react';

/** One row of the About panel's facts: a label and its value (monospace for versions and paths). */
export function AboutFact({
  label,
  testId,
  mono = false,
  muted = false,
  children,
}: {
  label: string;
  testId: string;
  mono?: boolean;
  muted?: boolean;
  children: ReactNode;
}) {
  const classes = ['about-fact-value', mono && 'mono', muted && 'about-fact-muted'].filter(Boolean).join(' ');
  return (
    <div className="about-fact">
      <dt>{label}</dt>
      <dd className={classes} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
