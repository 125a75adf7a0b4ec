import { describe, expect, it } from 'vitest';
import { ContractClient } from '../../../../shared/contract/client';
import { connectInMemory } from '../../../../shared/contract/memoryTransport';
import { AppError, ContractErrorCode } from '../../../../shared/errors';
import { realDispatcher } from '../../../support/testHandlers';

describe('in-memory transport with ContractClient', () => {
  it('carries a typed call and reports the memory transport', async () => {
    const { dispatcher, hub } = realDispatcher();
    const { port } = connectInMemory(dispatcher, hub);
    const info = await new ContractClient(port).call('app.info', {});
    expect(info.transport).toBe('memory');
    expect(info.name).toBe('Slurm Desk');
  });

  it('rebuilds a failure as an AppError with its code', async () => {
    const { dispatcher, hub } = realDispatcher();
    const client = new ContractClient(connectInMemory(dispatcher, hub).port);
    const failure = await client.call('app.openExternal', { url: 'javascript:alert(1)' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'link-refused' });
  });

  it('cancels a call on the server side when the caller aborts', async () => {
    let serverSignal: AbortSignal | undefined;
    const { dispatcher, hub } = realDispatcher({
      'app.info': (_params, context) =>
        new Promise((_resolve, reject) => {
          serverSignal = context.signal;
          context.signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    });
    const client = new ContractClient(connectInMemory(dispatcher, hub).port);
    const controller = new AbortController();
    const pending = client.call('app.info', {}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: ContractErrorCode.cancelled });
    expect(serverSignal?.aborted).toBe(true);
  });

  it('delivers events to subscribers and stops after unsubscribe', async () => {
    const { dispatcher, hub } = realDispatcher();
    const client = new ContractClient(connectInMemory(dispatcher, hub).port);
    const seen: string[] = [];
    const stop = client.on('app.notice', (notice) => seen.push(`${notice.level}:${notice.message}`));
    hub.emit('app.notice', { level: 'info', message: 'one' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    stop();
    hub.emit('app.notice', { level: 'info', message: 'two' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen).toEqual(['info:one']);
  });

  it('refuses to emit an event whose payload breaks the contract', () => {
    const { hub } = realDispatcher();
    // @ts-expect-error: the level is not one the contract allows
    expect(() => hub.emit('app.notice', { level: 'shout', message: 'x' })).toThrow();
  });

  it('fails pending and later calls clearly once closed', async () => {
    const { dispatcher, hub } = realDispatcher({ 'app.info': () => new Promise(() => {}) });
    const connection = connectInMemory(dispatcher, hub);
    const client = new ContractClient(connection.port);
    const pending = client.call('app.info', {});
    await new Promise((resolve) => setTimeout(resolve, 5));
    connection.close();
    await expect(pending).rejects.toMatchObject({ code: ContractErrorCode.disconnected });
    await expect(client.call('app.info', {})).rejects.toMatchObject({ code: ContractErrorCode.disconnected });
    expect(hub.subscriberCount).toBe(0);
  });
});
