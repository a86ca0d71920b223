import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under the given directories whose bytes contain `needle` (UTF-8 and UTF-16LE). */
export function filesContaining(directories: string[], needle: string): string[] {
  const patterns = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) {
        const bytes = readFileSync(path);
        if (patterns.some((p) => bytes.includes(p))) hits.push(path);
      }
    }
  };
  directories.forEach(walk);
  return hits;
}

/** All files under the directories (to show that a scan looked at something). */
export function listFiles(directories: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  directories.forEach(walk);
  return files;
}
