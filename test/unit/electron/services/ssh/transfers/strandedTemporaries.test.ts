import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppTemporary, StrandedTemporaries } from '../../../../../../electron/services/ssh/transfers/strandedTemporaries';

const ledgerFile = () => join(mkdtempSync(join(tmpdir(), 'slurmdesk-stranded-')), 'transfers', 'stranded-temporaries.json');
const host = 'sdtest@127.0.0.1:2222';

describe('StrandedTemporaries', () => {
  it('keeps what it records in the data folder, for another process or a restart', () => {
    const file = ledgerFile();
    new StrandedTemporaries(host, file).record('/home/u/job/.tmp-0123456789ab-data.bin');
    expect(new StrandedTemporaries(host, file).list()).toEqual(['/home/u/job/.tmp-0123456789ab-data.bin']);
    expect(new StrandedTemporaries('other@elsewhere:22', file).list()).toEqual([]);
  });

  it('forgets what it removed or found gone, and keeps what it could not remove for next time', async () => {
    const ledger = new StrandedTemporaries(host, ledgerFile());
    ledger.record('/a/.tmp-aaaaaaaaaaaa-x');
    ledger.record('/b/.tmp-bbbbbbbbbbbb-y');
    const removed = await ledger.sweep(async (path) => {
      if (path.startsWith('/b/')) throw new Error('the connection dropped again');
      return true;
    });
    expect(removed).toBe(1);
    expect(ledger.list()).toEqual(['/b/.tmp-bbbbbbbbbbbb-y']);
  });

  it('never removes a name that is not one of its own temporaries, even if the file was edited to list it', async () => {
    const file = ledgerFile();
    const ledger = new StrandedTemporaries(host, file);
    ledger.record('/home/u/results.csv');
    expect(ledger.list()).toEqual([]);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ [host]: ['/home/u/results.csv', 'relative/.tmp-0123456789ab-x', '/home/u/.tmp-0123456789ab-ok'] }));
    const asked: string[] = [];
    await ledger.sweep(async (path) => (asked.push(path), true));
    expect(asked).toEqual(['/home/u/.tmp-0123456789ab-ok']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
    expect(isAppTemporary('/x/.tmp-0123456789ab-name')).toBe(true);
    expect(isAppTemporary('/x/.tmp-zzz-name')).toBe(false);
  });

  it('still remembers in memory when the data folder cannot be written', () => {
    // Under a regular file, so no folder can be made there.
    const blocker = join(mkdtempSync(join(tmpdir(), 'slurmdesk-stranded-')), 'not-a-folder');
    writeFileSync(blocker, '');
    const ledger = new StrandedTemporaries(host, join(blocker, 'transfers', 'stranded-temporaries.json'));
    ledger.record('/a/.tmp-aaaaaaaaaaaa-x');
    expect(ledger.list()).toEqual(['/a/.tmp-aaaaaaaaaaaa-x']);
    expect(ledger.version).toBe(1);
  });
});
