/**
 * One binary, two uses. The installed app's binary is also the `slurmdesk` command (the deb and
 * rpm link it onto PATH) and the launcher of the embedded executor, because with the RunAsNode
 * fuse off it cannot run the CLI as plain Node. A first argument that is a bare word
 * (`submit`, `jobs`, `executor`) or a help/version flag means the command line; anything else
 * (nothing, a Chromium switch, a path) opens the window.
 */
export type LaunchMode = { kind: 'window' } | { kind: 'cli'; args: string[] };

const cliFlags = new Set(['--help', '-h', '--version']);

/** `packaged`: argv is [binary, ...args]; otherwise [electron, appPath, ...args]. */
export function launchModeFromArgv(argv: readonly string[], packaged: boolean): LaunchMode {
  const args = argv.slice(packaged ? 1 : 2);
  const first = args[0];
  if (first !== undefined && (/^[a-z][a-z-]*$/.test(first) || cliFlags.has(first))) return { kind: 'cli', args };
  return { kind: 'window' };
}
