import { toCsv } from '../../shared/files/parseCsv';
import { allColumns, resultsGrid, resultsRecords } from '../../shared/results/resultsGrid';
import { resultsTable } from '../services/results/resultsTable';
import { UsageError } from './cliErrors';
import type { CommandContext } from './commands';
import { refreshed } from './jobOutputCommands';
import { jsonText } from './output';

const formats = ['csv', 'json', 'tsv'] as const;
type Format = (typeof formats)[number];

/**
 * `slurmdesk results ID [ID…] --format csv|tsv|json`: every task of an array (or each job named,
 * to compare runs) as one table, read with one command on the cluster. CSV and TSV are data:
 * written as they are to a pipe or a file, escaped on a terminal like logs.
 */
export async function resultsCommand(context: CommandContext, ids: readonly string[], flags: { format?: string; json: boolean }): Promise<number> {
  if (ids.length === 0) throw new UsageError('results needs at least one job id (an array, or several jobs to compare).');
  const format = formatOf(flags.format, flags.json);
  const records = [];
  for (const id of ids) records.push(await refreshed(context, id));
  const table = await resultsTable(records, context.services.backend);
  if (table.truncated) context.output.log('The results passed the 32 MiB read at once; the rows past it say "unreadable". Download the job folder for all of them.');
  // One job's table need not repeat its id on every row (the window's export leaves it out too).
  const columns = allColumns(table).filter((column) => column !== 'job' || records.length > 1);
  if (format === 'json') {
    const answer = { rows: resultsRecords(table, columns), truncated: table.truncated };
    if (context.output.json) context.output.print(answer, () => '');
    else context.output.data(new TextEncoder().encode(`${jsonText(answer)}\n`), { raw: false });
    return 0;
  }
  const { header, rows } = resultsGrid(table, columns);
  context.output.data(new TextEncoder().encode(`${toCsv(header, rows, format === 'tsv' ? '\t' : ',')}\r\n`), { raw: false });
  return 0;
}

function formatOf(text: string | undefined, json: boolean): Format {
  if (text === undefined) return json ? 'json' : 'csv';
  const found = formats.find((format) => format === text);
  if (!found) throw new UsageError(`--format is one of ${formats.join(', ')}; not ${JSON.stringify(text)}.`);
  return found;
}
