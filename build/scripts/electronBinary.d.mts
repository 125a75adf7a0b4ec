export function installedElectronBinary(root: string): string | null;
export function tryDownloadElectron(root: string): { ok: true } | { ok: false; reason: string };
