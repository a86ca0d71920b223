import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const ADDIN = join(ROOT, 'addin');
const SOURCES = [
  join(ADDIN, 'src'),
  join(ADDIN, 'scripts'),
  join(ADDIN, 'public'),
  join(ROOT, 'shared', 'src'),
];
// The build config and every page's HTML at the root of addin/.
const CONFIG_FILES = readdirSync(ADDIN)
  .filter((f) => f === 'vite.config.ts' || f.endsWith('.html'))
  .map((f) => join(ADDIN, f));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isFresh(): boolean {
  const marker = join(ADDIN, 'dist', 'pickup.html');
  if (!existsSync(marker)) return false;
  const built = statSync(marker).mtimeMs;
  return built >= Math.max(...[...SOURCES, ...CONFIG_FILES].filter(existsSync).map(newestMtime));
}

// Browser test files run in parallel workers; one builds while the others wait for it.
const LOCK = join(tmpdir(), 'zegel-addin-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
        rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds addin/dist (the pages the server serves) when it is missing or older than its sources,
 * so a browser test never runs against a stale build.
 */
export async function ensureAddinBuild(): Promise<void> {
  if (isFresh()) return;
  await withBuildLock(async () => {
    if (isFresh()) return;
    await promisify(execFile)('npm', ['run', 'build', '--silent', '-w', 'addin'], { cwd: ROOT });
  });
}
