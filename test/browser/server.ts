/**
 * A tiny static file server for the browser test: 127.0.0.1 only, GET only, files under `root`
 * only (paths are normalised and must stay inside it). Every response carries COOP same-origin
 * and COEP require-corp, which make the page cross-origin isolated: SharedArrayBuffer (the webgpu
 * bridge's shared memory) exists only then. Same-origin fetches (weights, samples, the worker
 * script) need nothing more.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.map': 'application/json',
  '.jpg': 'image/jpeg', '.png': 'image/png', '.bin': 'application/octet-stream', '.css': 'text/css',
};

/**
 * Serves `root` until close(); `isolated: false` leaves out the isolation headers (to test what
 * a page served without them does).
 * ensures: listens on 127.0.0.1 at a free port.
 */
export async function serveStatic(root: string, opts: { isolated?: boolean } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const headers = opts.isolated === false ? {} : ISOLATION;
  const server: Server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.resolve(root, `.${rel}`);
    if (req.method !== 'GET' || !file.startsWith(root + path.sep)) { res.writeHead(403, headers).end(); return; }
    readFile(file).then(
      (body) => res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404, headers).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('serveStatic: no TCP address');
  return { url: `http://127.0.0.1:${addr.port}`, close: () => new Promise((r) => server.close(() => r())) };
}
