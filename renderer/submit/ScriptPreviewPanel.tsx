import { formatBytes } from '../job/formatBytes';
import { useSubmitFormStore } from './submitFormStore';
import type { Preview } from './useSubmitActions';

/** The script exactly as it would be written to the job folder, read-only. */
export function ScriptPreviewPanel({ preview }: { preview: Preview }) {
  const shipped = useSubmitFormStore((state) => state.shipped);
  const upload = useSubmitFormStore((state) => state.fields.upload);
  return (
    <section className="script-preview" aria-labelledby="script-preview-title" data-testid="script-preview">
      <h2 id="script-preview-title" className="form-section-title">
        Preview
      </h2>
      <p className="form-hint">
        Job folder: <span className="mono">{preview.jobDir}</span>
      </p>
      {upload && (
        <div className="preview-shipped" data-testid="preview-shipped">
          <p className="form-hint">
            Shipped into <span className="mono">{preview.jobDir}/project</span> from <span className="mono">{upload.root}</span>
            {shipped && ` — ${shipped.files} ${shipped.files === 1 ? 'file' : 'files'}, ${formatBytes(shipped.bytes)}`}:
          </p>
          <ul className="preview-shipped-list mono">
            {(shipped?.sample ?? upload.include).map((file) => (
              <li key={file}>{file}</li>
            ))}
            {shipped && shipped.files > shipped.sample.length && <li className="form-hint">… and {shipped.files - shipped.sample.length} more</li>}
          </ul>
        </div>
      )}
      <pre className="code-block" tabIndex={0} aria-label="Generated job script">
        {preview.script}
      </pre>
    </section>
  );
}
