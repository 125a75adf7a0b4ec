#!/usr/bin/env node
// `npm run test:proof [vitest args…]`: the security and fault proof at full counts (or at the level
// SLURMDESK_PROOF_LEVEL names), inside a throwaway keyring so the secrets check uses the real one.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { insideThrowawayKeyring } from './throwawayKeyring.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const command = insideThrowawayKeyring(root, [npx, 'vitest', 'run', '--project', 'proof', ...process.argv.slice(2)]);
const result = spawnSync(command[0], command.slice(1), { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
