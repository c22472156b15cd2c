/**
 * A minimal SOCKS5 proxy on loopback for tests (RFC 1928: no authentication, CONNECT only, IPv4 and domain
 * addresses): enough to prove a source's crawl goes through it. It records every destination asked for.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Socks5Server {
  url: string;
  /** `host:port` of every CONNECT, in order. */
  connects: string[];
  close(): Promise<void>;
}

export async function startSocks5Server(): Promise<Socks5Server> {
  const connects: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let stage: 'greeting' | 'request' = 'greeting';
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      if (stage === 'greeting') {
        if (buffered.length < 2 || buffered.length < 2 + buffered[1]!) return;
        buffered = buffered.subarray(2 + buffered[1]!);
        client.write(Buffer.from([5, 0])); // version 5, no authentication
        stage = 'request';
      }
      if (buffered.length < 5) return;
      const [version, command, , type] = buffered;
      let host: string;
      let at: number;
      if (type === 1) {
        if (buffered.length < 10) return;
        host = [...buffered.subarray(4, 8)].join('.');
        at = 8;
      } else if (type === 3) {
        const length = buffered[4]!;
        if (buffered.length < 5 + length + 2) return;
        host = buffered.subarray(5, 5 + length).toString();
        at = 5 + length;
      } else {
        client.end(Buffer.from([5, 8, 0, 1, 0, 0, 0, 0, 0, 0])); // address type not supported
        return;
      }
      const port = buffered.readUInt16BE(at);
      const rest = buffered.subarray(at + 2);
      client.off('data', onData);
      if (version !== 5 || command !== 1) {
        client.end(Buffer.from([5, 7, 0, 1, 0, 0, 0, 0, 0, 0])); // command not supported
        return;
      }
      connects.push(`${host}:${port}`);
      const upstream = connect(port, host, () => {
        client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
        if (rest.length) upstream.write(rest);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `socks5://127.0.0.1:${(server.address() as { port: number }).port}`,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
