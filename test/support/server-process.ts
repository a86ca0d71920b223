import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
let built = false;

/** Compiles shared and server once per test process (tests that need a real process to kill). */
export function buildServer(): void {
  if (built) return;
  execFileSync('npm', ['run', 'build', '-w', 'shared', '--silent'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  execFileSync('npx', ['tsc', '-p', 'server/tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

export interface ZegelProcess {
  child: ChildProcess;
  url: string;
  root: string;
  /** What the process printed, for assertions and for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hooks, no flushing — a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

/**
 * Runs `node server/dist/main.js` as its own process (dev auth, loopback), so a test can crash it
 * with SIGKILL and start it again on the same directories. `port` must be free; pass the same
 * `root` (and database URL) to a second start to restart.
 */
export async function startZegelProcess(options: {
  port: number;
  root?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<ZegelProcess> {
  buildServer();
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'zegel-proc-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? root,
    ZEGEL_AUTH_MODE: 'dev',
    ZEGEL_HOST: '127.0.0.1',
    ZEGEL_PORT: String(options.port),
    ZEGEL_SMTP_PORT: '0',
    ZEGEL_DATA_DIR: join(root, 'data'),
    ZEGEL_KEY_DIR: join(root, 'keys'),
    ZEGEL_LOG_LEVEL: 'warn',
    ...options.env,
  };
  const child = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (!output.includes('Zegel is running.')) {
    if (child.exitCode !== null) throw new Error(`Zegel exited during start:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Zegel did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    url: `http://127.0.0.1:${options.port}`,
    root,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A free TCP port on loopback (bind to 0, read it, close). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
