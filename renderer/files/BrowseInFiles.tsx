import { Button } from 'react-aria-components';
import { useNavigationStore } from '../app/navigationStore';
import { useFilesStore } from './filesStore';

/** Opens a folder in the Files view: nested folders, previews, folder downloads and the queue. */
export function BrowseInFiles({ cluster, path }: { cluster: string; path: string }) {
  return (
    <Button
      className="button button-small"
      onPress={() => {
        useFilesStore.getState().open(cluster, path);
        useNavigationStore.getState().showView('files');
      }}
      data-testid="browse-in-files"
    >
      Browse in Files
    </Button>
  );
}
