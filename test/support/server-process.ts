import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
let built = false;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Compiles shared and server when the sources are newer than the build (tests that need a real
 * process to kill). Test workers run in parallel, so a lock directory keeps them from compiling at once.
 */
export function buildServer(): void {
  if (built) return;
  const lock = join(ROOT, 'server', '.build-lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed test run is stale after five minutes.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 300_000) rmdirSync(lock);
      if (Date.now() > deadline)
        throw new Error(`could not take ${lock}; remove it if no build runs`);
      execFileSync('sleep', ['0.2']);
    }
  }
  try {
    const main = join(ROOT, 'server', 'dist', 'main.js');
    const sources = Math.max(
      newestSource(join(ROOT, 'server', 'src')),
      newestSource(join(ROOT, 'shared', 'src')),
    );
    if (!existsSync(main) || statSync(main).mtimeMs < sources) {
      execFileSync('npm', ['run', 'build', '-w', 'shared', '--silent'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      execFileSync('npx', ['tsc', '-p', 'server/tsconfig.build.json'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
    }
    built = true;
  } finally {
    rmdirSync(lock);
  }
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
    ZEGEL_OUTBOUND_MODE: 'capture',
    ZEGEL_PORT: String(options.port),
    ZEGEL_SMTP_PORT: '0',
    ZEGEL_METRICS_PORT: '0',
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

/** Ports this test process has handed out, so two servers of one test never get the same one. */
const handedOut = new Set<number>();

/** The first port of the kernel's ephemeral range (32768 unless configured otherwise). */
function ephemeralLow(): number {
  try {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
    );
    return Number.isInteger(low) && low > 16_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port on loopback that is free now, for a server a test starts (and may restart) on a
 * known port. Taken below the kernel's ephemeral range: a port found by binding to 0 comes from
 * that range, where any other process's outgoing connection can take it before the server binds
 * it (seen as EADDRINUSE at start). Below it only a listener can, and those are checked for here.
 */
export async function freePort(): Promise<number> {
  const low = 15_000;
  const high = ephemeralLow();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port) || !(await bindable(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port on 127.0.0.1 between ${low} and ${high}`);
}
