import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Popover } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { formatBytes } from '../job/formatBytes';
import { FolderBrowser } from './FolderBrowser';
import { FormTextField } from './FormTextField';
import { useSubmitFormStore } from './submitFormStore';

/**
 * Files from this computer that go with the job into its `project/` folder (its working folder).
 * Main checks the pick (a regular file or folder of the user's, within the upload limits); a
 * Python file picked becomes the target, by its path under the root or as a module.
 */
export function UploadFields({ client }: { client: ContractClient }) {
  const kind = useSubmitFormStore((state) => state.fields.kind);
  const pythonModule = useSubmitFormStore((state) => state.fields.pythonModule);
  const shipped = useSubmitFormStore((state) => state.shipped);
  const ship = useSubmitFormStore((state) => state.ship);
  const clearUpload = useSubmitFormStore((state) => state.clearUpload);
  const [path, setPath] = useState(shipped?.path ?? '');
  const [root, setRoot] = useState(shipped && shipped.root !== shipped.path ? shipped.root : '');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  async function check(pathToCheck: string, rootToUse: string) {
    if (pathToCheck.trim() === '') {
      setProblem('Give the file or folder to ship, or pick one with Browse');
      return;
    }
    setChecking(true);
    try {
      const answer = await client.call('uploads.check', { path: pathToCheck.trim(), ...(rootToUse.trim() === '' ? {} : { root: rootToUse.trim() }) });
      setProblem(null);
      const isPythonFile = kind === 'python' && answer.kind === 'file' && answer.relative.endsWith('.py');
      ship(answer, isPythonFile ? 'file' : 'keep');
    } catch (error) {
      reportIfDisconnected(error);
      setProblem(error instanceof Error ? error.message : 'The path could not be checked.');
    } finally {
      setChecking(false);
    }
  }

  return (
    <fieldset className="form-section" data-testid="upload-fields">
      <legend className="form-section-title">Files from this computer</legend>
      <div className="upload-path-row">
        <FormTextField
          label="File or folder to ship"
          description="Copied into the job's project/ folder, where the job runs."
          value={path}
          onChange={(value) => {
            setPath(value);
            setProblem(null);
          }}
          error={problem ?? undefined}
          placeholder="/home/you/project/src/pkg/train.py"
          mono
          testId="field-upload-path"
        />
        <DialogTrigger>
          <Button className="button" data-testid="upload-browse">
            Browse…
          </Button>
          <Popover className="select-popover folder-browser-popover" placement="bottom end">
            <Dialog aria-label="Pick a file or folder to ship" className="folder-browser-dialog">
              {({ close }) => (
                <FolderBrowser
                  client={client}
                  start={shipped ? shipped.root : undefined}
                  onPick={(picked) => {
                    setPath(picked);
                    close();
                    void check(picked, root);
                  }}
                />
              )}
            </Dialog>
          </Popover>
        </DialogTrigger>
      </div>
      <FormTextField
        label="Upload root"
        description="Optional: the folder the job's project/ mirrors; the picked file's folder when empty. Paths and module names are relative to it."
        value={root}
        onChange={setRoot}
        placeholder="/home/you/project/src"
        mono
        testId="field-upload-root"
      />
      <div className="submit-actions upload-actions">
        {shipped && (
          <Button className="button" onPress={() => { clearUpload(); setPath(''); setRoot(''); }} data-testid="upload-clear">
            Ship nothing
          </Button>
        )}
        <Button className="button" isDisabled={checking} onPress={() => void check(path, root)} data-testid="upload-check">
          {checking ? 'Checking…' : 'Check and ship'}
        </Button>
      </div>
      {shipped && (
        <div className="upload-summary" data-testid="upload-summary">
          <p>
            Ships {shipped.files} {shipped.files === 1 ? 'file' : 'files'} ({formatBytes(shipped.bytes)}) from <span className="mono">{shipped.root}</span>: <span className="mono">{shipped.relative}</span>
          </p>
          {kind === 'python' && shipped.kind === 'file' && shipped.relative.endsWith('.py') && (
            <div className="upload-target-choice">
              <Button className="button button-small" isDisabled={pythonModule === shipped.relative} onPress={() => ship(shipped, 'file')} data-testid="upload-as-file">
                Run the file {shipped.relative}
              </Button>
              {shipped.module && (
                <Button className="button button-small" isDisabled={pythonModule === shipped.module} onPress={() => ship(shipped, 'module')} data-testid="upload-as-module">
                  Import the module {shipped.module}
                </Button>
              )}
            </div>
          )}
        </div>
      )}
    </fieldset>
  );
}
