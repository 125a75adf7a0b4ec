import { describe, expect, it } from 'vitest';
import { launchModeFromArgv } from '../../../../electron/main/launchMode';

describe('one binary for the window, the command line and the executor', () => {
  it('opens the window with no arguments, Chromium switches or a path', () => {
    expect(launchModeFromArgv(['/opt/Slurm Desk/slurmdesk'], true)).toEqual({ kind: 'window' });
    expect(launchModeFromArgv(['/opt/Slurm Desk/slurmdesk', '--ozone-platform=wayland'], true)).toEqual({ kind: 'window' });
    expect(launchModeFromArgv(['/usr/lib/electron', '/home/me/slurmdesk'], false)).toEqual({ kind: 'window' });
    expect(launchModeFromArgv(['/usr/lib/electron', '.', '--no-sandbox'], false)).toEqual({ kind: 'window' });
  });

  it('runs the CLI for a command word or help/version, with the arguments as typed', () => {
    expect(launchModeFromArgv(['/usr/bin/slurmdesk', 'submit', 'job.sh', '--json'], true)).toEqual({ kind: 'cli', args: ['submit', 'job.sh', '--json'] });
    expect(launchModeFromArgv(['/usr/bin/slurmdesk', '--version'], true)).toEqual({ kind: 'cli', args: ['--version'] });
    expect(launchModeFromArgv(['/usr/bin/slurmdesk', 'callback-host'], true)).toEqual({ kind: 'cli', args: ['callback-host'] });
  });

  it('starts the executor from the argv the services build inside Electron, packaged or not', () => {
    expect(launchModeFromArgv(['/opt/Slurm Desk/slurmdesk', 'executor', '/home/me/.config/Slurm Desk/embedded'], true)).toEqual({
      kind: 'cli',
      args: ['executor', '/home/me/.config/Slurm Desk/embedded'],
    });
    expect(launchModeFromArgv(['/repo/node_modules/electron/dist/electron', '/repo', 'executor', '/tmp/state'], false)).toEqual({ kind: 'cli', args: ['executor', '/tmp/state'] });
  });
});
