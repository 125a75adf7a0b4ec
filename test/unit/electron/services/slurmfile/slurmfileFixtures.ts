import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A scratch project folder with the given files (paths relative to it). */
export function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'slurmdesk-slurmfile-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}
