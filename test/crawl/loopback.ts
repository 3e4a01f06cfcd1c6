// A real HTTP server on 127.0.0.1 for crawl tests: each test registers routes, and the server
// counts every request that reaches it (so a test can prove a refused fetch never left the process).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface LoopbackServer {
  origin: string;
  port: number;
  /** Paths requested, in order. */
  requests: { path: string; headers: http.IncomingHttpHeaders }[];
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

export async function startLoopbackServer(host = '127.0.0.1'): Promise<LoopbackServer> {
  const routes = new Map<string, Route>();
  const requests: LoopbackServer['requests'] = [];
  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const handler = routes.get(path.split('?')[0]);
    if (handler) handler(request, response);
    else { response.statusCode = 404; response.end('not found'); }
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    route: (path, handler) => { routes.set(path, handler); },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
