import { net, protocol } from 'electron';
import { extname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../../shared/security/contentSecurityPolicy';
import { appHost, appScheme } from './appOrigin';

/**
 * Serves the built renderer on app://slurmdesk/ with the app's CSP on every response. Only files
 * inside the renderer folder are reachable; anything else is a 404.
 */
export function serveRendererOnAppScheme(rendererDir: string): void {
  const root = resolve(rendererDir);
  const csp = contentSecurityPolicy();
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const target = resolve(root, relative);
    if (url.host !== appHost || !target.startsWith(root + sep) || extname(target) === '') {
      return new Response('Not found', { status: 404 });
    }
    const file = await net.fetch(pathToFileURL(target).href);
    const headers = new Headers(file.headers);
    headers.set('Content-Security-Policy', csp);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(file.body, { status: file.status, headers });
  });
}
