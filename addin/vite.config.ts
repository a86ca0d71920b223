import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { addinFiles } from './src/commands/commands-build.plugin';

/**
 * One multi-page build into dist/: every page is an HTML file at the root of dist (the server
 * serves them by route) and the assets sit under /assets/ with absolute URLs. Add a page by
 * adding its HTML file here.
 */
const PAGES = ['pickup', 'admin', 'taskpane'];

/** In `vite` dev mode, the page routes of the server: /p/<token> and /admin/… to their HTML. */
function pageRoutes(): Plugin {
  return {
    name: 'zegel-page-routes',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url ?? '').split('?')[0];
        if (/^\/p\/[^/]+\/?$/.test(path)) req.url = '/pickup.html';
        else if (path === '/admin' || path.startsWith('/admin/')) req.url = '/admin.html';
        next();
      });
    },
  };
}

export default defineConfig({
  root: __dirname,
  base: '/',
  resolve: { alias: { '@zegel/shared': resolve(__dirname, '../shared/src/index.ts') } },
  esbuild: { jsx: 'automatic' },
  // addinFiles: the Outlook send check as one classic script, /addin-config.json, icons.
  plugins: [pageRoutes(), addinFiles(__dirname, process.env)],
  // `npm run dev -w addin` next to `npm start`: the API calls go to the running server.
  server: {
    proxy: Object.fromEntries(
      ['/api', '/admin-config.json'].map((path) => [
        path,
        process.env.ZEGEL_API_URL ?? 'http://127.0.0.1:3000',
      ]),
    ),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP allows scripts from 'self' only: no inline scripts, no eval.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rollupOptions: {
      input: Object.fromEntries(PAGES.map((page) => [page, resolve(__dirname, `${page}.html`)])),
      output: {
        // Code two pages share (React, Fluent UI, common/) lands in shared chunks.
        chunkFileNames: 'assets/shared-[hash].js',
      },
      onwarn(warning, warn) {
        // Fluent UI marks its modules "use client" for React Server Components; irrelevant here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
