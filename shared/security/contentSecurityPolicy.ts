/**
 * The one Content-Security-Policy of every window, desktop or browser mode: only the app's own
 * scripts and styles, no eval, no inline script, no remote origins, no plugins, no framing. The
 * renderer talks to main over IPC (desktop) or one socket on the app's own origin (browser mode).
 * Frames may show only blob: addresses, which only the app's own scripts can mint: the PDF preview
 * puts a file's bytes in one and shows it in a sandboxed frame with the browser's own viewer.
 */
export function contentSecurityPolicy(options: { connectSources?: readonly string[] } = {}): string {
  const connect = ["'self'", ...(options.connectSources ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    'frame-src blob:',
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join('; ');
}
