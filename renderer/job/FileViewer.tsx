import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { Icon } from '../theme/Icon';
import { CsvViewer } from './CsvViewer';
import { fileKindOf } from './fileKinds';
import { ImageViewer } from './ImageViewer';
import { TextFileViewer } from './TextFileViewer';
import { visibleFileName } from '../../shared/files/visibleFileName';

/** The viewer that suits a file, under its name and a Close button. */
export function FileViewer({ client, id, path, onClose }: { client: ContractClient; id: string; path: string; onClose: () => void }) {
  const kind = fileKindOf(path);
  const shown = visibleFileName(path);
  return (
    <section className="file-viewer" aria-label={`Viewing ${shown}`} data-testid="file-viewer">
      <div className="job-section-header">
        <h4 className="job-section-title mono">{shown}</h4>
        <Button className="icon-button" aria-label={`Close ${shown}`} onPress={onClose}>
          <Icon name="close" />
        </Button>
      </div>
      {kind === 'image' && <ImageViewer client={client} id={id} path={path} />}
      {(kind === 'csv' || kind === 'tsv') && <CsvViewer client={client} id={id} path={path} delimiter={kind === 'tsv' ? '\t' : ','} />}
      {(kind === 'text' || kind === 'other') && <TextFileViewer client={client} id={id} path={path} />}
    </section>
  );
}
