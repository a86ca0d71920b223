// Writes a brotli (.br) and a gzip (.gz) copy next to every compressible file of the build, so the
// server sends them as they are (express-static-gzip) and never compresses a static file per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2] ?? 'dist';
const TYPES = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.xml', '.map', '.txt']);
const MIN_BYTES = 1024;

let before = 0;
let brotli = 0;
let gzip = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (TYPES.has(extname(name)) && statSync(path).size >= MIN_BYTES) compress(path);
  }
}
function compress(path) {
  const data = readFileSync(path);
  const br = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const gz = gzipSync(data, { level: 9 });
  // A compressed copy that saves nothing is left out; the server then sends the file itself.
  if (br.length < data.length) writeFileSync(`${path}.br`, br);
  if (gz.length < data.length) writeFileSync(`${path}.gz`, gz);
  before += data.length;
  brotli += Math.min(br.length, data.length);
  gzip += Math.min(gz.length, data.length);
}
walk(root);
const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(`compressed ${kb(before)}: brotli ${kb(brotli)}, gzip ${kb(gzip)}`);
