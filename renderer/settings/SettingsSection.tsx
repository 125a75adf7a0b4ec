import type { ReactNode } from 'react';

/** A titled card; the title names the region for screen readers and the section's test id. */
export function SettingsSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={`settings-${id}-title`} data-testid={`settings-${id}`}>
      <h2 className="section-title" id={`settings-${id}-title`}>
        {title}
      </h2>
      {children}
    </section>
  );
}
