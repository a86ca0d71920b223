import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** Owner-only permissions are checked and set on POSIX; Windows has no mode bits to speak of. */
const POSIX = process.platform !== 'win32';

export function fsyncDirSync(path: string): void {
  if (!POSIX) return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates the directory (0700) if needed; an existing one that others can enter is tightened. */
export function ensureOwnerOnlyDir(path: string): void {
  const created = mkdirSync(path, { recursive: true, mode: 0o700 });
  if (created) fsyncDirSync(dirname(created));
  if (POSIX && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o700);
}

/** Reads a secret file, refusing one that others can read (as ssh does with private keys). */
export function readSecretFile(path: string): Buffer {
  if (POSIX) {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new Error(
        `Permissions ${mode.toString(8).padStart(4, '0')} on ${path} are too open: ` +
          `only the owner may read it (chmod 600 ${path})`,
      );
    }
  }
  return readFileSync(path);
}

export function fileExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Writes a file that must not exist yet (0600), fsyncs it and its directory. Never overwrites: a
 * key that is already there is never replaced.
 */
export function writeNewFileSync(path: string, content: Buffer | string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw error;
  }
  closeSync(fd);
  fsyncDirSync(dirname(path));
}

/** Replaces a file atomically (temp name, fsync, rename, fsync directory), 0600. */
export function replaceFileSync(path: string, content: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  const fd = openSync(temp, 'wx', 0o600);
  try {
    const bytes = Buffer.from(content);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDirSync(dirname(path));
}

/**
 * Creates `path` with `content` unless it exists, atomically: the content is written and fsynced
 * under a temporary name, then hard-linked into place. link(2) fails with EEXIST when the name is
 * taken, like an `open(…, 'wx')`, but a reader never sees a half-written file. Returns false when
 * another process created it first; the caller then re-reads it, so every process ends with the
 * same content.
 */
export function createExclusiveFileSync(path: string, content: Buffer | string): boolean {
  const temp = `${dirname(path)}/.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeNewFileSync(temp, content);
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
    fsyncDirSync(dirname(path));
  }
}
