import { formatBytes } from '../job/formatBytes';
import { useSubmitFormStore } from './submitFormStore';
import type { Preview } from './useSubmitActions';

/** The script exactly as it would be written to the job folder, read-only; above it, what ships and what it runs in. */
export function ScriptPreviewPanel({ preview }: { preview: Preview }) {
  const checked = useSubmitFormStore((state) => state.shipped);
  // The preview's own count applies .gitignore and exclude patterns: it wins over the picker's.
  const shipped = preview.shipping ?? checked;
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
      {preview.shipping && <ShippingEnvironment shipping={preview.shipping} />}
      <pre className="code-block" tabIndex={0} aria-label="Generated job script">
        {preview.script}
      </pre>
    </section>
  );
}

function ShippingEnvironment({ shipping }: { shipping: NonNullable<Preview['shipping']> }) {
  return (
    <dl className="preview-environment" data-testid="preview-environment">
      <dt>Environment</dt>
      <dd>{shipping.environment}</dd>
      {shipping.image && (
        <>
          <dt>Image</dt>
          <dd className="mono">{shipping.image}</dd>
        </>
      )}
      {shipping.skipped.length > 0 && (
        <>
          <dt>Left out</dt>
          <dd>
            {shipping.skipped.map((entry) => (
              <div key={entry.path}>
                <span className="mono">{entry.path}</span>: {entry.reason}
              </div>
            ))}
          </dd>
        </>
      )}
    </dl>
  );
}
