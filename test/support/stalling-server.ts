import { connect as tcpConnect, createServer, type Socket } from 'node:net';

export interface StallingServer {
  port: number;
  /** performance.now() of every accepted connection, in order. */
  accepted: number[];
  close(): Promise<void>;
}

/**
 * How the n-th connection (from 0) is treated: `silent` accepts and never writes a byte
 * (a stalled host, a black hole behind a load balancer); `stall-after-startup` relays to
 * `upstream` until the server's first ReadyForQuery, then swallows every answer (a server
 * that logs the client in and then hangs); `relay` passes everything through.
 */
export type StallMode = 'silent' | 'stall-after-startup' | 'relay';

/** A real TCP listener on 127.0.0.1 that misbehaves as `mode` says, for deadline tests. */
export async function startStallingServer(mode: StallMode | ((n: number) => StallMode), upstream?: { host: string; port: number }): Promise<StallingServer> {
  const accepted: number[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const n = accepted.push(performance.now()) - 1;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    const how = typeof mode === 'function' ? mode(n) : mode;
    if (how === 'silent') return;
    if (!upstream) throw new Error(`${how} needs an upstream server`);
    const server = tcpConnect(upstream.port, upstream.host);
    sockets.add(server);
    server.on('close', () => sockets.delete(server));
    server.on('error', () => client.destroy());
    client.on('close', () => server.destroy());
    client.pipe(server);
    if (how === 'relay') {
      server.pipe(client);
      return;
    }
    // Backend messages are a type byte and a 4-byte length that counts itself; relay whole
    // messages up to and including the first ReadyForQuery ('Z'), then nothing more.
    let pending = Buffer.alloc(0);
    let stalled = false;
    server.on('data', (chunk: Buffer) => {
      if (stalled) return;
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 5) {
        const size = 1 + pending.readUInt32BE(1);
        if (pending.length < size) break;
        const message = pending.subarray(0, size);
        pending = pending.subarray(size);
        client.write(message);
        if (message[0] === 0x5a) {
          stalled = true;
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the stalling server has no TCP address');
  return {
    port: address.port,
    accepted,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
