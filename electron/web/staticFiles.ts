import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built renderer and nothing else: the path is resolved inside the root and anything
 * that escapes it (`..`, encoded or not) or names an unknown type is a 404.
 */
export async function serveStaticFile(root: string, urlPath: string, response: ServerResponse, headOnly: boolean) {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return notFound(response);
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const absoluteRoot = resolve(root);
  const target = resolve(absoluteRoot, relative);
  const type = contentTypes[extname(target)];
  if (decoded.includes('\0') || !target.startsWith(absoluteRoot + sep) || !type) return notFound(response);
  try {
    const info = await stat(target);
    if (!info.isFile()) return notFound(response);
    response.writeHead(200, {
      'Content-Type': type,
      'Content-Length': info.size,
      'Cache-Control': target.endsWith('.html') ? 'no-store' : 'private, max-age=3600',
    });
    if (headOnly) return response.end();
    createReadStream(target).pipe(response);
  } catch {
    notFound(response);
  }
}

function notFound(response: ServerResponse) {
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end('Not found\n');
}
