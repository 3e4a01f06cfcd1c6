// A small static file server for previewing the built site on loopback (not for production:
// put the folder behind any web server there).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { OutputFolderError } from './siteFolder.ts';
import { TrackerError } from '../errors.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.xml': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8', '.ics': 'text/calendar; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

export function createSiteServer(root: string): http.Server {
  return http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file = path.normalize(path.join(root, pathname));
    if (!file.startsWith(root)) { response.writeHead(403).end('forbidden'); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      const notFound = path.join(root, '404.html');
      response.writeHead(404, { 'content-type': types['.html'] });
      response.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found');
      return;
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
}

export async function serveSite(root: string, port: number): Promise<void> {
  if (!fs.existsSync(path.join(root, 'index.html'))) throw new OutputFolderError(`${root} has no built site (run \`tracker publish\` or \`npm run demo\` first)`);
  const server = createSiteServer(root);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE'
      ? new TrackerError('port', `port ${port} on 127.0.0.1 is taken`, 'choose another with --port')
      : error));
    server.listen(port, '127.0.0.1', resolve);
  });
  process.stdout.write(`Serving ${root} at http://127.0.0.1:${port}/ (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => { server.close(); resolve(); }));
}
