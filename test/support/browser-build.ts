import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const ADDIN = join(ROOT, 'addin');
const SOURCES = [join(ADDIN, 'src'), join(ROOT, 'shared', 'src')];
const CONFIG_FILES = ['vite.config.ts', 'pickup.html', 'admin.html'].map((f) => join(ADDIN, f));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Builds addin/dist (the pages the server serves) when it is missing or older than its sources,
 * so a browser test never runs against a stale build.
 */
export function ensureAddinBuild(): void {
  const marker = join(ADDIN, 'dist', 'pickup.html');
  if (existsSync(marker)) {
    const built = statSync(marker).mtimeMs;
    const sources = Math.max(...[...SOURCES, ...CONFIG_FILES].filter(existsSync).map(newestMtime));
    if (built >= sources) return;
  }
  execFileSync('npm', ['run', 'build', '--silent', '-w', 'addin'], { cwd: ROOT, stdio: 'pipe' });
}
