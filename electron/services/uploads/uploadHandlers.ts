import type { Handlers } from '../../../shared/contract/dispatcher';
import { browseFolder, checkUpload, type UploadOwner } from './checkUpload';

type UploadMethods = 'uploads.check' | 'uploads.browse';

/** The uploads.* methods: checking and listing files on this computer for a job to take along. */
export function createUploadHandlers(owner: UploadOwner): Pick<Handlers, UploadMethods> {
  return {
    'uploads.check': ({ path, root }) => checkUpload({ path, root }, owner),
    'uploads.browse': ({ folder }) => browseFolder(folder, owner),
  };
}
