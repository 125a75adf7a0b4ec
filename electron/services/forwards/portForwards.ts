import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { EventHub } from '../../../shared/contract/eventHub';
import type { ForwardInfo } from '../../../shared/contract/forwardMethods';
import { AppError } from '../../../shared/errors';
import type { AuditLog } from '../audit/auditLog';
import type { ForwardRoute } from './forwardRoute';

export type ForwardRequest = {
  cluster: string;
  /** The job the forward serves (it closes when the job ends), shown as the person named it. */
  job: { shown: string; slurmId: string } | null;
  targetHost: string;
  targetPort: number;
  localPort: number | null;
};

type OpenForward = {
  info: ForwardInfo;
  owner: string;
  request: ForwardRequest;
  server: Server;
  sockets: Set<Socket | Duplex>;
  route: ForwardRoute | null;
  forgetDrop: () => void;
};

export type PortForwardsDeps = {
  audit: AuditLog;
  route: (cluster: string) => Promise<ForwardRoute>;
  /** Told whenever a forward changes, with its owner (a window's caller id, or the CLI). */
  changed?: (owner: string, info: ForwardInfo) => void;
};

/**
 * Local listeners on 127.0.0.1 — never another address — each carrying its connections through a
 * cluster's SSH connection to one host and port. A dropped connection leaves the listener up but
 * refusing, and says so until the person reconnects; closing cuts every carried connection.
 */
export class PortForwards {
  private readonly open = new Map<string, OpenForward>();

  constructor(private readonly deps: PortForwardsDeps) {}

  static withEvents(hub: EventHub, deps: Omit<PortForwardsDeps, 'changed'>): PortForwards {
    return new PortForwards({ ...deps, changed: (owner, info) => (owner.startsWith('cli') ? undefined : hub.emitTo(owner, 'forwards.changed', info)) });
  }

  async openFor(owner: string, request: ForwardRequest): Promise<ForwardInfo> {
    const route = await this.deps.route(request.cluster);
    const id = `fwd-${randomBytes(8).toString('hex')}`;
    const server = createServer();
    const localPort = await listenOnLoopback(server, request.localPort);
    const forward: OpenForward = {
      info: { id, cluster: request.cluster, job: request.job?.shown ?? null, targetHost: request.targetHost, targetPort: request.targetPort, localPort, state: 'open', message: null, connections: 0 },
      owner,
      request,
      server,
      sockets: new Set(),
      route: null,
      forgetDrop: () => undefined,
    };
    this.open.set(id, forward);
    this.attach(forward, route);
    server.on('connection', (socket) => void this.carry(forward, socket));
    this.record(forward, 'open', null);
    return { ...forward.info };
  }

  list(owner: string): ForwardInfo[] {
    return [...this.open.values()].filter((forward) => forward.owner === owner).map((forward) => ({ ...forward.info }));
  }

  /** Every open forward, for the job watch. */
  forJobs(): { id: string; cluster: string; slurmId: string }[] {
    return [...this.open.values()].flatMap((forward) => (forward.request.job ? [{ id: forward.info.id, cluster: forward.info.cluster, slurmId: forward.request.job.slurmId }] : []));
  }

  close(owner: string, id: string): void {
    this.owned(owner, id);
    this.shut(id, 'closed by the person');
  }

  async reconnect(owner: string, id: string): Promise<ForwardInfo> {
    const forward = this.owned(owner, id);
    if (forward.info.state === 'open') return { ...forward.info };
    this.attach(forward, await this.deps.route(forward.info.cluster));
    this.update(forward, { state: 'open', message: null });
    return { ...forward.info };
  }

  /** Closes the forward without asking whose it is: its job ended, its window went, the app quits. */
  shut(id: string, reason: string): void {
    const forward = this.open.get(id);
    if (!forward) return;
    this.open.delete(id);
    forward.forgetDrop();
    forward.server.close();
    for (const socket of forward.sockets) socket.destroy();
    forward.sockets.clear();
    this.update(forward, { state: 'closed', message: `Closed: ${reason}.`, connections: 0 });
    this.record(forward, 'close', reason);
  }

  closeAll(reason: string): void {
    for (const id of [...this.open.keys()]) this.shut(id, reason);
  }

  /** Closes every forward a window opened, when it goes. */
  closeOwnedBy(owner: string, reason: string): void {
    for (const forward of [...this.open.values()]) if (forward.owner === owner) this.shut(forward.info.id, reason);
  }

  private attach(forward: OpenForward, route: ForwardRoute): void {
    forward.forgetDrop();
    forward.route = route;
    forward.forgetDrop = route.onDrop((why) => {
      forward.route = null;
      this.update(forward, { state: 'connection-lost', message: `The connection to ${forward.info.cluster} dropped (${why}); reconnect to carry new connections.` });
    });
  }

  private async carry(forward: OpenForward, socket: Socket): Promise<void> {
    socket.setNoDelay(true);
    const route = forward.route;
    if (!route || forward.info.state !== 'open') {
      socket.destroy();
      return;
    }
    forward.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    let remote: Duplex;
    try {
      remote = await route.dial(forward.info.targetHost, forward.info.targetPort);
    } catch {
      forward.sockets.delete(socket);
      socket.destroy();
      return;
    }
    if (socket.destroyed || !this.open.has(forward.info.id)) {
      remote.destroy();
      return;
    }
    forward.sockets.add(remote);
    this.update(forward, { connections: forward.info.connections + 1 });
    remote.on('error', () => socket.destroy());
    const done = () => {
      if (!forward.sockets.delete(socket)) return;
      forward.sockets.delete(remote);
      remote.destroy();
      socket.destroy();
      if (this.open.has(forward.info.id)) this.update(forward, { connections: Math.max(0, forward.info.connections - 1) });
    };
    socket.once('close', done);
    remote.once('close', done);
    socket.pipe(remote);
    remote.pipe(socket);
  }

  private owned(owner: string, id: string): OpenForward {
    const forward = this.open.get(id);
    if (!forward || forward.owner !== owner) throw new AppError('no-such-forward', `No forward ${id} is open in this window.`);
    return forward;
  }

  private update(forward: OpenForward, patch: Partial<ForwardInfo>): void {
    Object.assign(forward.info, patch);
    this.deps.changed?.(forward.owner, { ...forward.info });
  }

  private record(forward: OpenForward, action: 'open' | 'close', reason: string | null): void {
    const { cluster, targetHost, targetPort, localPort } = forward.info;
    this.deps.audit.record({ event: 'forward', action, cluster, job: forward.request.job?.slurmId ?? null, target: `${targetHost}:${targetPort}`, localPort, reason });
  }
}

/** 127.0.0.1 only: a forward is for this computer's own programs, never the network's. */
function listenOnLoopback(server: Server, port: number | null): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new AppError('port-in-use', error.code === 'EADDRINUSE' ? `Port ${port} on 127.0.0.1 is in use; pick another or leave it to the app.` : `Could not listen on 127.0.0.1: ${error.message}`)),
    );
    server.listen({ host: '127.0.0.1', port: port ?? 0, exclusive: true }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}
