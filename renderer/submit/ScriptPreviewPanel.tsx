import type { Preview } from './useSubmitActions';

/** The script exactly as it would be written to the job folder, read-only. */
export function ScriptPreviewPanel({ preview }: { preview: Preview }) {
  return (
    <section className="script-preview" aria-labelledby="script-preview-title" data-testid="script-preview">
      <h2 id="script-preview-title" className="form-section-title">
        Preview
      </h2>
      <p className="form-hint">
        Job folder: <span className="mono">{preview.jobDir}</span>
      </p>
      <pre className="code-block" tabIndex={0} aria-label="Generated job script">
        {preview.script}
      </pre>
    </section>
  );
}
