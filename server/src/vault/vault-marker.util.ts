import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileExists, replaceFileSync } from './key-files.util';

/**
 * `<dataDir>/vault.json`: which keys the data in this directory depends on. Its presence means
 * "encrypted data may exist here", so its keys must be present; it holds names, never key material.
 */
export interface VaultMarker {
  format: 1;
  currentKek: string;
  keks: string[];
  secrets: string[];
  signingKeys: string[];
}

export const MARKER_FILE = 'vault.json';

export function markerPath(dataDir: string): string {
  return join(dataDir, MARKER_FILE);
}

const NAME_LIST = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Reads the marker; undefined when absent; a damaged marker is fatal, never overwritten. */
export function readMarker(dataDir: string): VaultMarker | undefined {
  const path = markerPath(dataDir);
  if (!fileExists(path)) return undefined;
  let parsed: Partial<VaultMarker>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<VaultMarker>;
  } catch (error) {
    throw new Error(
      `${path} is not valid JSON (${(error as Error).message}); restore it from backup`,
    );
  }
  if (
    parsed?.format !== 1 ||
    typeof parsed.currentKek !== 'string' ||
    !NAME_LIST(parsed.keks) ||
    !parsed.keks.includes(parsed.currentKek) ||
    !NAME_LIST(parsed.secrets) ||
    !NAME_LIST(parsed.signingKeys)
  ) {
    throw new Error(`${path} is not a valid Zegel vault marker; restore it from backup`);
  }
  return parsed as VaultMarker;
}

export function writeMarker(dataDir: string, marker: VaultMarker): void {
  replaceFileSync(markerPath(dataDir), JSON.stringify(marker, null, 2) + '\n');
}
