import { defineConfig } from 'vite';

// The renderer is a plain static bundle: served by Electron's app:// protocol or the browser-mode
// host, never a dev server in production. Relative asset paths work under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    // Inline assets would need data: in script-src/style-src; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
