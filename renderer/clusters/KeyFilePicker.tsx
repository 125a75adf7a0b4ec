import { useState } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { useClusterFormStore } from './clusterFormStore';

type KeyFile = Result<'clusters.keyFiles'>['files'][number];

/**
 * Picks a private key from ~/.ssh and adds its path to the key-file list. Main lists only key
 * candidates (type, comment, passphrase or not), which works the same in a browser, where a file
 * input would not reveal a path.
 */
export function KeyFilePicker({ client }: { client: ContractClient }) {
  const [files, setFiles] = useState<KeyFile[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function load() {
    try {
      setFiles((await client.call('clusters.keyFiles', {})).files);
    } catch (error) {
      reportIfDisconnected(error);
      setProblem(error instanceof Error ? error.message : 'The keys in ~/.ssh could not be listed.');
    }
  }

  function add(path: string) {
    const { fields, setText } = useClusterFormStore.getState();
    const listed = fields.keyFiles.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    if (!listed.includes(path)) setText('keyFiles', [...listed, path].join('\n'));
  }

  return (
    <div className="key-file-picker">
      <MenuTrigger onOpenChange={(open) => open && void load()}>
        <Button className="button button-small" data-testid="choose-key-file">
          Choose from ~/.ssh…
        </Button>
        <Popover className="select-popover" placement="bottom start">
          <Menu
            className="select-list"
            aria-label="Private keys in ~/.ssh"
            items={files ?? []}
            renderEmptyState={() => <p className="form-hint key-file-empty">{files === null ? 'Looking in ~/.ssh…' : 'No private keys in ~/.ssh.'}</p>}
            onAction={(key) => add(String(key))}
          >
            {(file) => (
              <MenuItem id={file.path} className="select-option key-file-option" textValue={file.path}>
                <span className="mono">{file.path}</span>
                <span className="form-hint">
                  {file.keyType}
                  {file.encrypted ? ', passphrase-protected' : ''}
                  {file.comment ? ` — ${file.comment}` : ''}
                </span>
              </MenuItem>
            )}
          </Menu>
        </Popover>
      </MenuTrigger>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
