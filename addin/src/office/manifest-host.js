// Writes the production copy of manifest.xml: every https://localhost:3000 becomes the given host.
// Usage: npm run build:manifest -- --host https://zegel.example.org   (or ZEGEL_ADDIN_HOST=…)
// Plain CommonJS so that it runs with node alone, before or after the Vite build.
'use strict';
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const DEV_HOST = 'https://localhost:3000';

/** The origin of an https URL without path, query or credentials; throws a clear error otherwise. */
function parseHost(value) {
  let url;
  try {
    url = new URL(String(value ?? ''));
  } catch {
    throw new Error(`"${value}" is not a URL; give the add-in host as https://host[:port]`);
  }
  if (url.protocol !== 'https:')
    throw new Error(
      `the add-in host must use https (Office loads add-ins over HTTPS only): ${value}`,
    );
  if (
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname && url.pathname !== '/')
  )
    throw new Error(`the add-in host is an origin only, without path or query: ${value}`);
  return url.origin;
}

/** The manifest with the development host replaced; fails when the manifest has no such host. */
function withHost(xml, host) {
  const origin = parseHost(host);
  if (!xml.includes(DEV_HOST)) throw new Error(`the manifest does not mention ${DEV_HOST}`);
  return xml.split(DEV_HOST).join(origin);
}

function hostFromArgs(argv, env) {
  const index = argv.indexOf('--host');
  if (index >= 0) return argv[index + 1];
  const inline = argv.find((arg) => arg.startsWith('--host='));
  if (inline) return inline.slice('--host='.length);
  return env.ZEGEL_ADDIN_HOST;
}

function main() {
  const root = join(__dirname, '..', '..', '..');
  const host = hostFromArgs(process.argv.slice(2), process.env);
  if (!host) {
    console.error(
      'Give the production host: --host https://zegel.example.org or ZEGEL_ADDIN_HOST.',
    );
    process.exit(2);
  }
  try {
    const xml = withHost(readFileSync(join(root, 'manifest.xml'), 'utf8'), host);
    const out = join(root, 'addin', 'dist', 'manifest.xml');
    mkdirSync(join(root, 'addin', 'dist'), { recursive: true });
    writeFileSync(out, xml);
    console.log(`wrote ${out} for ${parseHost(host)}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}

module.exports = { DEV_HOST, parseHost, withHost, hostFromArgs };
if (require.main === module) main();
