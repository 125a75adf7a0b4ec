import { isAbsolute, posix, resolve } from 'node:path';
import { maxListedEntries } from '../../shared/contract/filesMethods';
import { remotePathProblem } from '../../shared/files/remotePath';
import { AppError } from '../../shared/errors';
import { absolutePath, existingPath } from '../services/files/clusterPaths';
import { downloadRoot } from '../services/files/downloadRoot';
import { downloadTree, type DownloadOutcome } from '../services/files/downloadTree';
import { sanitizeJobName } from '../services/jobs/jobFolder';
import { UsageError } from './cliErrors';
import type { CommandContext } from './commands';
import { shown } from './output';

type Place = { cluster: string; path: string };

/**
 * Where `files` and `download` look: a job's folder (`ID`, then paths inside it) or, with
 * `--cluster C` and no job, absolute paths on that cluster.
 */
function placesOf(context: CommandContext, positionals: readonly string[], cluster: string | undefined): Place[] {
  const [first, ...rest] = positionals;
  if (first !== undefined && /^(sd-[0-9a-f]{16}|\d{1,12})$/.test(first)) {
    const record = context.services.engine.get(first);
    const inside = rest.length === 0 ? [''] : rest;
    return inside.map((path) => {
      if (path !== '' && (path.startsWith('/') || path.split('/').includes('..'))) throw new UsageError(`${JSON.stringify(path)} must be a path inside the job folder (relative, no "..").`);
      return { cluster: record.cluster, path: path === '' ? record.jobDir : posix.join(record.jobDir, path) };
    });
  }
  if (!cluster) throw new UsageError('Name a job (sd-… or its Slurm id) or a cluster with --cluster NAME and an absolute path.');
  if (positionals.length === 0) return [{ cluster, path: '~' }];
  return positionals.map((path) => {
    const problem = remotePathProblem(path);
    if (problem) throw new UsageError(`${JSON.stringify(path)}: ${problem}`);
    return { cluster, path };
  });
}

/** `slurmdesk files ID|--cluster C [PATH]`: a folder's entries, like `ls -l`. */
export async function filesCommand(context: CommandContext, positionals: readonly string[], flags: { cluster?: string; all: boolean }): Promise<number> {
  const [place] = placesOf(context, positionals, flags.cluster);
  if (!place || positionals.length > 2) throw new UsageError('files lists one folder.');
  const files = context.services.backend(place.cluster).files;
  const folder = await existingPath(files, await absolutePath(files, place.path), place.cluster);
  const info = await files.stat(folder);
  if (!info?.isDirectory) throw new AppError('not-a-folder', `${folder} is a file on ${place.cluster}; download it with: slurmdesk download --cluster ${place.cluster} ${folder}`);
  const entries = (await files.list(folder)).filter((entry) => flags.all || !entry.name.startsWith('.')).slice(0, maxListedEntries);
  const listed = entries.map((entry) => ({ name: entry.name, size: entry.size, modified: new Date(entry.mtimeMs).toISOString(), kind: entry.isLink ? 'link' : entry.isDirectory ? 'folder' : 'file', mode: entry.mode }));
  context.output.print({ path: folder, entries: listed }, () =>
    [`${shown(folder)}:`, ...listed.map((entry) => `${entry.kind === 'folder' ? 'd' : entry.kind === 'link' ? 'l' : '-'}${(entry.mode & 0o777).toString(8).padStart(3, '0')}  ${String(entry.size).padStart(12)}  ${entry.modified.slice(0, 16).replace('T', ' ')}  ${shown(entry.name)}${entry.kind === 'folder' ? '/' : ''}`)].join('\n'),
  );
  return 0;
}

/**
 * `slurmdesk download ID [PATH…] [--to DIR] [--resume]`, or `--cluster C PATH…`: files or whole
 * folders into DIR (default: the app's downloads folder), with the app's path rules and resume.
 */
export async function downloadCommand(context: CommandContext, positionals: readonly string[], flags: { cluster?: string; to?: string; resume: boolean }): Promise<number> {
  const places = placesOf(context, positionals, flags.cluster);
  const root = flags.to === undefined ? null : isAbsolute(flags.to) ? flags.to : resolve(context.cwd, flags.to);
  const outcomes: DownloadOutcome[] = [];
  for (const place of places) {
    const files = context.services.backend(place.cluster).files;
    const source = await existingPath(files, await absolutePath(files, place.path), place.cluster);
    let shownAt = Date.now();
    const outcome = await downloadTree({
      files,
      source,
      root: root ?? resolve(downloadRoot(context.services.settings.read().downloadDir), sanitizeJobName(place.cluster)),
      resume: flags.resume,
      onProgress: (progress) => {
        if (context.output.json || Date.now() - shownAt < 1000) return;
        shownAt = Date.now();
        context.output.log(`${shown(source)}: ${progress.transferred} of ${progress.total} bytes`);
      },
    });
    context.services.audit.record({ event: 'transfer', cluster: place.cluster, direction: 'download', path: source, bytes: outcome.bytes, outcome: 'done' });
    for (const skipped of outcome.skipped) context.output.log(`Left out ${shown(skipped.path)}: ${skipped.reason}`);
    outcomes.push(outcome);
  }
  context.output.print({ downloads: outcomes }, () => outcomes.map((outcome) => `Saved ${outcome.files} ${outcome.files === 1 ? 'file' : 'files'} (${outcome.bytes} bytes) to ${shown(outcome.localPath)}`).join('\n'));
  return 0;
}
