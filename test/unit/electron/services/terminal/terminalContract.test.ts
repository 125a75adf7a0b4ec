import { describe, expect, it } from 'vitest';
import { ContractClient } from '../../../../../shared/contract/client';
import { connectInMemory } from '../../../../../shared/contract/memoryTransport';
import type { EventPayload } from '../../../../../shared/contract';
import { realDispatcher } from '../../../../support/testHandlers';

async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// The real contract, dispatcher and terminal service, with a real pseudo-terminal on this computer.
describe('terminals through the contract', () => {
  it('sends a terminal\'s output to the window that opened it and to no other, and refuses the other\'s keystrokes', async () => {
    const { dispatcher, hub } = realDispatcher();
    const mine = new ContractClient(connectInMemory(dispatcher, hub).port);
    const other = new ContractClient(connectInMemory(dispatcher, hub).port);
    let seen = '';
    let seenByOther = 0;
    const ends: EventPayload<'terminal.ended'>[] = [];
    mine.on('terminal.output', (event) => (seen += event.data));
    mine.on('terminal.ended', (event) => ends.push(event));
    other.on('terminal.output', () => (seenByOther += 1));
    const terminal = await mine.call('terminal.open', { cluster: 'embedded', cols: 91, rows: 17 });
    await mine.call('terminal.write', { id: terminal.id, data: 'stty size; echo "é$((40+2))"\r' });
    await until('the shell to answer', () => seen.includes('17 91') && seen.includes('é42'));
    await mine.call('terminal.resize', { id: terminal.id, cols: 120, rows: 40 });
    await mine.call('terminal.write', { id: terminal.id, data: 'stty size\r' });
    await until('the new size', () => seen.includes('40 120'));
    await expect(other.call('terminal.write', { id: terminal.id, data: 'exit\r' })).rejects.toMatchObject({ code: 'no-such-terminal' });
    await expect(other.call('terminal.close', { id: terminal.id })).rejects.toMatchObject({ code: 'no-such-terminal' });
    expect(seenByOther).toBe(0);
    await mine.call('terminal.write', { id: terminal.id, data: 'exit 7\r' });
    await until('the end', () => ends.length === 1);
    expect(ends[0]).toMatchObject({ id: terminal.id, kind: 'exited', exitCode: 7 });
  });

  it('hangs up a window\'s terminals when the window goes', async () => {
    const { dispatcher, hub, services } = realDispatcher();
    const connection = connectInMemory(dispatcher, hub);
    const client = new ContractClient(connection.port);
    await client.call('terminal.open', { cluster: 'embedded' });
    expect(services.terminals.count).toBe(1);
    connection.close();
    await until('the terminal to close', () => services.terminals.count === 0);
  });

  it('refuses oversized keystrokes and malformed ids before any handler runs', async () => {
    const { dispatcher, hub } = realDispatcher();
    const client = new ContractClient(connectInMemory(dispatcher, hub).port);
    await expect(client.call('terminal.write', { id: 'term-0123456789abcdef', data: 'x'.repeat(64 * 1024 + 1) })).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(client.call('terminal.resize', { id: '../term', cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(client.call('terminal.open', { cluster: 'embedded', job: '1; rm -rf ~' })).rejects.toMatchObject({ code: 'invalid-params' });
  });
});
