import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpRelay {
  /** http://127.0.0.1:<port> of the relay. */
  url: string;
  close(): Promise<void>;
}

/**
 * A TCP relay on 127.0.0.1 that connects onward from another loopback address, so the server sees
 * a second client IP while the browser keeps talking to 127.0.0.1 (Chromium cannot pick its source
 * address). Linux routes all of 127.0.0.0/8 to the loopback interface.
 */
export async function startRelay(target: { host: string; port: number }, localAddress: string) {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server: Server = createServer((client) => {
    track(client);
    const upstream = createConnection({ host: target.host, port: target.port, localAddress });
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const relay: TcpRelay = {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return relay;
}
