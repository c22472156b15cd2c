/**
 * A loopback site whose pages change under a test: each path answers a page, a status, a redirect, a hang
 * or a connection reset, as set at any moment. Unknown paths answer 404 (so soft-404 probes see a 404).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Behaviour =
  | { page: string; contentType?: string }
  | { status: number; body?: string }
  | { redirect: string; status?: number }
  | { hang: true }
  | { reset: true };

export interface MutableSite {
  url: string;
  set(path: string, behaviour: Behaviour): void;
  close(): Promise<void>;
}

export async function startMutableSite(): Promise<MutableSite> {
  const routes = new Map<string, Behaviour>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    // A fresh connection per request, so a changed DNS answer or reset is seen by the very next request.
    res.setHeader('connection', 'close');
    const behaviour = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!behaviour) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>404</title></head><body>not here</body></html>');
    } else if ('page' in behaviour) {
      res.writeHead(200, { 'content-type': behaviour.contentType ?? 'text/html; charset=utf-8' }).end(behaviour.page);
    } else if ('status' in behaviour && !('redirect' in behaviour)) {
      res.writeHead(behaviour.status, { 'content-type': 'text/html; charset=utf-8' }).end(behaviour.body ?? `<html><body>${behaviour.status}</body></html>`);
    } else if ('redirect' in behaviour) {
      res.writeHead(behaviour.status ?? 302, { location: behaviour.redirect }).end();
    } else if ('reset' in behaviour) {
      req.socket.resetAndDestroy();
    }
    // A hang answers nothing; close() destroys the socket.
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    set: (path, behaviour) => routes.set(path, behaviour),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
