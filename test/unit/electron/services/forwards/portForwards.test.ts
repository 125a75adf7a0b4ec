import { execFileSync } from 'node:child_process';
import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ForwardInfo } from '../../../../../shared/contract/forwardMethods';
import type { AuditEvent } from '../../../../../electron/services/audit/auditLog';
import { forwardRoute, type ForwardRoute } from '../../../../../electron/services/forwards/forwardRoute';
import { PortForwards } from '../../../../../electron/services/forwards/portForwards';
import { createLocalBackend } from '../../../../../electron/services/backends/local/localBackend';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** An echo server on loopback: what the forward's target stands for. */
async function echoServer(): Promise<number> {
  const server = createServer((socket) => socket.pipe(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    socket.once('data', (data) => {
      resolve(data.toString());
      socket.end();
    });
    socket.once('error', reject);
    socket.once('close', () => resolve(''));
  });
}

function listening(port: number): boolean {
  return execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' }).trim() !== '';
}

/** This computer's route, with a drop the test can cause (a stand-in for a cut SSH connection). */
async function droppableRoute() {
  const real = await forwardRoute(createLocalBackend());
  const listeners = new Set<(reason: string) => void>();
  const route: ForwardRoute = { dial: real.dial, onDrop: (listener) => (listeners.add(listener), () => listeners.delete(listener)) };
  return { route, drop: () => listeners.forEach((listener) => listener('the network went away')) };
}

describe('PortForwards', () => {
  it('listens on 127.0.0.1 only, carries bytes both ways, audits, and leaves no listener once closed', async () => {
    const target = await echoServer();
    const audit: AuditEvent[] = [];
    const forwards = new PortForwards({ audit: { record: (event) => audit.push(event) }, route: () => forwardRoute(createLocalBackend()) });
    const forward = await forwards.openFor('w1', { cluster: 'local', job: { shown: '42', slurmId: '42' }, targetHost: '127.0.0.1', targetPort: target, localPort: null });
    expect(execFileSync('ss', ['-Hltn', `sport = :${forward.localPort}`], { encoding: 'utf8' })).toMatch(/127\.0\.0\.1:\d+/);
    expect(await roundTrip(forward.localPort, 'ping')).toBe('ping');
    expect(() => forwards.close('w2', forward.id)).toThrow(/No forward/);
    expect(forwards.list('w2')).toEqual([]);
    forwards.close('w1', forward.id);
    expect(listening(forward.localPort)).toBe(false);
    expect(audit.map((event) => event.event === 'forward' && event.action)).toEqual(['open', 'close']);
  });

  it('says when the connection dropped, refuses new connections until reconnected, then carries again', async () => {
    const target = await echoServer();
    const changes: ForwardInfo[] = [];
    const { route, drop } = await droppableRoute();
    const forwards = new PortForwards({ audit: { record: () => undefined }, route: async () => route, changed: (_owner, info) => changes.push(info) });
    const forward = await forwards.openFor('w1', { cluster: 'hpc', job: null, targetHost: '127.0.0.1', targetPort: target, localPort: null });
    drop();
    expect(forwards.list('w1')[0]).toMatchObject({ state: 'connection-lost', message: expect.stringMatching(/dropped.*reconnect/) });
    expect(await roundTrip(forward.localPort, 'lost')).toBe('');
    await forwards.reconnect('w1', forward.id);
    expect(await roundTrip(forward.localPort, 'back')).toBe('back');
    expect(changes.some((change) => change.state === 'connection-lost')).toBe(true);
    forwards.closeAll('test over');
    expect(listening(forward.localPort)).toBe(false);
  });

  it('refuses a local port that is taken, saying which', async () => {
    const taken = await echoServer();
    const forwards = new PortForwards({ audit: { record: () => undefined }, route: () => forwardRoute(createLocalBackend()) });
    await expect(forwards.openFor('w1', { cluster: 'local', job: null, targetHost: '127.0.0.1', targetPort: taken, localPort: taken })).rejects.toThrow(`Port ${taken} on 127.0.0.1 is in use`);
  });
});
