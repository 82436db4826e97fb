// The sandbox's HTTP listener doubles as an HTTPS proxy for one host: `CONNECT cloud.mongodb.com:443` is tunnelled
// to the sandbox's own HTTPS port, every other CONNECT is refused. Firefox has no host-resolver switch, so a
// browser pointed at this proxy (network.proxy.ssl) reaches the sandbox at the real Cloud Manager address.
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';

export const TUNNELLED_AUTHORITY = 'cloud.mongodb.com:443';

/** Serves CONNECT on `server`; answers a function that destroys the open tunnels (for the sandbox's close). */
export function serveConnectTunnel(server: Server, host: string, httpsPort: () => number): () => void {
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  };
  server.on('connect', (req, client: Socket, head: Buffer) => {
    track(client);
    client.on('error', () => client.destroy());
    if (req.url?.toLowerCase() !== TUNNELLED_AUTHORITY) {
      // Anything else a browser tries (its own update and telemetry hosts) goes nowhere.
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(httpsPort(), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return () => {
    for (const socket of open) socket.destroy();
  };
}
