import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readLog, readResult } from '../../../electron/services/jobs/jobOutputs';
import { openHarness, repoRoot, type EngineHarness } from '../jobs/engineHarness';
import { slurmUnavailableReason, startCluster, stopCluster } from '../slurm/slurmCluster';
import { describeWhenAvailable, onPath } from '../support/describeWhenAvailable';

function unavailable(): string | null {
  if (!onPath('podman') || !onPath('runc')) return 'Podman with runc is not installed; install it with: sudo bash test/daemons/podman.sh install';
  return slurmUnavailableReason();
}

let harness: EngineHarness;
let site: { CONTAINERS_CONF: string; IMAGE: string };

// Podman run for real under the real Slurm (jobs of the local cluster run as root), in an image
// built offline from this machine's own Python. The image has no /etc/debian_version: a task that
// sees none ran inside it.
describeWhenAvailable('tasks in a Podman container on a real Slurm', unavailable(), () => {
  beforeAll(async () => {
    await startCluster('plain');
    const printed = execFileSync('bash', [join(repoRoot, 'test', 'daemons', 'podman.sh'), 'image'], { encoding: 'utf8', timeout: 120_000 });
    site = Object.fromEntries(printed.trim().split('\n').map((line) => line.split('=', 2) as [string, string])) as typeof site;
    harness = openHarness('local');
    harness.writeFile('mypkg/__init__.py', '');
    harness.writeFile('mypkg/where.py', 'import os, sys\nfrom .shape import square\n\ndef where(n):\n    return {"inside": not os.path.exists("/etc/debian_version"), "python": sys.version_info[:2] == (3, 11), "value": square(n)}\n');
    harness.writeFile('mypkg/shape.py', 'def square(n):\n    return n * n\n');
  }, 200_000);
  afterAll(async () => {
    await harness?.close();
    await stopCluster();
  }, 120_000);

  const container = () => ({ runtime: 'podman' as const, image: site.IMAGE });

  it('runs a Python task and a script job inside the image, and refuses a missing image before queueing', async () => {
    const python = await harness.submit({
      name: 'in-podman', task: { kind: 'python', target: 'mypkg.where:where', args: [7] },
      upload: { root: harness.workDir }, packaging: { container: container() }, environment: { CONTAINERS_CONF: site.CONTAINERS_CONF },
    });
    const script = await harness.submit({
      name: 'script-in-podman', task: { kind: 'script', body: 'test -e /etc/debian_version && echo host || echo container\npython3 -c "print(6 * 7)"' },
      packaging: { container: container() }, environment: { CONTAINERS_CONF: site.CONTAINERS_CONF },
    });
    const [pythonDone, scriptDone] = [await harness.waitForEnd(python.id, 120_000), await harness.waitForEnd(script.id, 120_000)];
    const files = harness.services.backend('local').files;
    expect(pythonDone.state).toBe('COMPLETED');
    expect(await readResult(files, pythonDone, null)).toEqual({ kind: 'json', value: { inside: true, python: true, value: 49 } });
    expect(scriptDone.state).toBe('COMPLETED');
    expect((await readLog(files, scriptDone, { stream: 'stdout', task: null })).text).toBe('container\n42\n');

    await expect(
      harness.submit({ name: 'no-image', task: { kind: 'script', body: 'true' }, packaging: { container: { runtime: 'podman', image: 'localhost/slurmdesk-absent:0' } } }),
    ).rejects.toMatchObject({ code: 'container-image-missing' });
  }, 240_000);
});
