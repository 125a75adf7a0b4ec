import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebAppDescriptorSchema } from '../../../../../shared/webapps/webAppTemplates';
import { webAppScript } from '../../../../../electron/services/webapps/webAppScript';

describe('web app job scripts', () => {
  it('picks a port, keeps a fresh token 0600 outside argv, describes itself, and runs the command with $PORT', () => {
    const folder = mkdtempSync(join(tmpdir(), 'slurmdesk-webapp-'));
    const script = webAppScript('any', { command: 'echo "port=$PORT token-file=$WEBAPP_TOKEN_FILE"' });
    const printed = execFileSync('bash', ['-c', script], { cwd: folder, encoding: 'utf8' });
    const descriptor = WebAppDescriptorSchema.parse(JSON.parse(readFileSync(join(folder, 'webapp.json'), 'utf8')));
    expect(printed).toBe(`port=${descriptor.port} token-file=${join(folder, 'webapp-token')}\n`);
    expect(statSync(join(folder, 'webapp-token')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(folder, 'webapp-token'), 'utf8')).toMatch(/^[0-9a-f]{48}\n$/);
    expect(script).not.toMatch(/--(token|password)[= ]/i);
  });

  it('gives Jupyter its token through the environment and opens Lab or the Notebook tree', () => {
    const script = webAppScript('jupyter');
    expect(script).toContain('export JUPYTER_TOKEN');
    expect(script).toMatch(/page=\/lab\?token=\{token\}/);
    expect(script).toMatch(/page=\/tree\?token=\{token\}/);
  });

  it('starts a Python script under debugpy waiting for a client on the chosen port, or says debugpy is missing', () => {
    const script = webAppScript('debugpy', { command: 'train.py --epochs 3' });
    expect(script).toContain('exec python3 -m debugpy --listen "0.0.0.0:$port" --wait-for-client train.py --epochs 3');
    expect(script).toMatch(/debugpy is not installed.*exit 127/);
  });
});
