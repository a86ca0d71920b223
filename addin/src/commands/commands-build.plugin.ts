import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';
import { addinConfigFromEnv } from '../common/addin-config';

/**
 * The add-in's files beside the pages: the send check as ONE classic script (commands.js, for
 * classic Outlook's JavaScript-only runtime, which cannot load modules), its HTML page for the
 * web runtimes, /addin-config.json from ZEGEL_ADDIN_* and the ribbon icons. With
 * ZEGEL_ADDIN_HOST set, also the production manifest.xml.
 */
export function addinFiles(addinRoot: string, env: Record<string, string | undefined>): Plugin {
  return {
    name: 'zegel-addin-files',
    async generateBundle() {
      const config = addinConfigFromEnv(env);
      const commands = await build({
        entryPoints: [resolve(addinRoot, 'src/commands/commands.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        // The JavaScript-only runtime of classic Outlook runs ECMAScript 2016.
        target: 'es2016',
        minify: true,
        legalComments: 'none',
        alias: { '@zegel/shared': resolve(addinRoot, '../shared/src/index.ts') },
        define: { __ZEGEL_ADDIN_CONFIG__: JSON.stringify(config) },
        logLevel: 'silent',
      });
      this.emitFile({
        type: 'asset',
        fileName: 'commands.js',
        source: commands.outputFiles[0].text,
      });
      this.emitFile({
        type: 'asset',
        fileName: 'commands.html',
        source: readFileSync(resolve(addinRoot, 'commands.html')),
      });
      this.emitFile({
        type: 'asset',
        fileName: 'addin-config.json',
        source: `${JSON.stringify(config, null, 2)}\n`,
      });
      const icons = resolve(addinRoot, 'src/taskpane/icons');
      for (const name of readdirSync(icons).filter((f) => f.endsWith('.png')))
        this.emitFile({
          type: 'asset',
          fileName: `assets/${name}`,
          source: readFileSync(resolve(icons, name)),
        });
      if (env.ZEGEL_ADDIN_HOST) {
        const { withHost } = createRequire(resolve(addinRoot, 'package.json'))(
          './src/office/manifest-host.js',
        ) as { withHost(xml: string, host: string): string };
        const xml = readFileSync(resolve(addinRoot, '../manifest.xml'), 'utf8');
        this.emitFile({
          type: 'asset',
          fileName: 'manifest.xml',
          source: withHost(xml, env.ZEGEL_ADDIN_HOST),
        });
      }
    },
  };
}
