import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchCodeField, launchPath } from '../../shared/contract/browserMode';
import { ensurePrivateFolder } from '../services/fs/privateFolder';
import { writePrivateFileAtomicSync } from '../services/fs/writePrivateFile';

/**
 * The page the browser is opened on: a file readable by this user only (0600, in a 0700 folder)
 * whose form POSTs a one-time launch code to the loopback host. What goes on the opener's command
 * line is this file's address, which carries no secret; every other local user sees the address
 * but cannot read the file.
 */
export class LaunchPageFile {
  readonly path: string;

  constructor(
    private readonly folder: string,
    port: number,
  ) {
    this.path = join(folder, `launch-${port}.html`);
  }

  get url(): string {
    return pathToFileURL(this.path).href;
  }

  /** Replaces the page atomically, so a browser never reads half of it. */
  write(origin: string, code: string): void {
    ensurePrivateFolder(this.folder);
    writePrivateFileAtomicSync(this.path, launchPageHtml(origin, code));
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}

/**
 * A file page has no CSP of its own; this one holds one inline script that submits the form, and
 * a button for a browser that runs no script. The code is hex, so it needs no escaping.
 */
export function launchPageHtml(origin: string, code: string): string {
  if (!/^[0-9a-f]+$/.test(code) || !/^http:\/\/127\.0\.0\.1:\d+$/.test(origin)) throw new Error('launch page: unexpected origin or code');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>Opening Slurm Desk…</title>
</head>
<body>
<form method="post" action="${origin}${launchPath}">
<input type="hidden" name="${launchCodeField}" value="${code}">
<p>Opening Slurm Desk… <button type="submit">Open Slurm Desk</button></p>
<p>This page works once. If it says it was used, open it again from the same place: Slurm Desk writes a fresh one after each use.</p>
</form>
<script>document.forms[0].submit();</script>
</body>
</html>
`;
}
