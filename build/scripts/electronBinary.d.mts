export function installedElectronBinary(root: string): string | null;
export function tryDownloadElectron(root: string): { ok: true } | { ok: false; reason: string };
export function downloadFailure(
  result: { status: number | null; signal?: NodeJS.Signals | null; stdout?: string | null; stderr?: string | null; error?: { code?: string } },
  env: NodeJS.ProcessEnv,
): string;
export function electronUnavailableMessage(root: string, reason: string): string;
