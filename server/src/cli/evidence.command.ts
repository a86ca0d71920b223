import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/config';
import { dataSourceOptions } from '../database/data-source-options';
import type { DatabaseService } from '../database/database.service';
import { auditEvidenceLog } from '../evidence/evidence-audit';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { verifyBundle, type EvidenceBundle } from '../evidence/verifier/bundle';
import { openKeyStore } from '../vault/key-store.factory';
import { jwkThumbprint } from '../vault/local-key-directory';

const USAGE = `Usage: zegel evidence verify <bundle.json> --key <public key> [--tsa-ca <ca.pem>]
       zegel evidence audit [--json]

verify  checks an exported evidence bundle offline: events, signatures, chain, the signed tree
        head, inclusion proofs and the RFC 3161 timestamp. --key is the evidence public key you
        trust (PEM, or the JWK from /api/v1/evidence/public-key); repeat --key for each key you
        trust after a signing-key rotation (matched by RFC 7638 key id); --tsa-ca the TSA's CA.
        Exit 0 valid, 1 invalid, 2 valid so far but incomplete (no tree head or timestamp yet).
audit   walks the whole evidence log of the configured database (ZEGEL_DATABASE_URL,
        ZEGEL_DATA_DIR) with the configured key store; reports the first break and exits 1.
`;

/** `zegel evidence verify|audit`. */
export async function runEvidenceCommand(args: string[], env = process.env): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'verify') return verify(rest);
  if (verb === 'audit') return audit(rest, env);
  const help = verb === '--help' || verb === '-h';
  (help ? process.stdout : process.stderr).write(USAGE);
  return help ? 0 : 64;
}

function option(args: string[], name: string): string[] {
  const values: string[] = [];
  args.forEach((a, i) => a === name && args[i + 1] && values.push(args[i + 1]));
  return values;
}

function readKey(file: string): KeyObject {
  const text = readFileSync(file, 'utf8').trim();
  if (text.startsWith('{')) {
    const jwk = JSON.parse(text) as Record<string, unknown>;
    return createPublicKey({ key: jwk as never, format: 'jwk' });
  }
  return createPublicKey(text);
}

async function verify(args: string[]): Promise<number> {
  const [file] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const keyFiles = option(args, '--key');
  if (!file || !keyFiles.length) {
    process.stderr.write(`zegel evidence verify: name a bundle and --key\n\n${USAGE}`);
    return 64;
  }
  let bundle: EvidenceBundle;
  const keys = new Map<string, KeyObject>();
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8')) as EvidenceBundle;
  } catch (error) {
    process.stderr.write(
      `zegel evidence verify: ${file} is not readable JSON (${(error as Error).message})\n`,
    );
    return 65;
  }
  for (const keyFile of keyFiles) {
    try {
      const key = readKey(keyFile);
      keys.set(jwkThumbprint(key), key);
    } catch (error) {
      process.stderr.write(
        `zegel evidence verify: ${keyFile} is not a public key (${(error as Error).message})\n`,
      );
      return 65;
    }
  }
  const tsaCaPem = option(args, '--tsa-ca').map((f) => readFileSync(f, 'utf8'));
  // One pinned key verifies whatever key id the bundle names (as before); several are matched by id.
  const pinned = keys.size === 1 ? [...keys.values()][0] : keys;
  const report = await verifyBundle(bundle, pinned, { tsaCaPem });
  const verdict = {
    valid: 'VALID: the evidence is intact, signed, in the log and timestamped.',
    incomplete: 'INCOMPLETE: what is there is intact, but not everything is proven yet.',
    invalid: 'INVALID: do not rely on this evidence.',
  }[report.verdict];
  process.stdout.write(`${report.lines.join('\n')}\n\n${verdict}\n`);
  return { valid: 0, invalid: 1, incomplete: 2 }[report.verdict];
}

async function audit(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let config;
  try {
    config = loadConfig({ ...env, ZEGEL_AUTH_MODE: 'dev', ZEGEL_HOST: '127.0.0.1' });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`zegel evidence audit: ${error.message}\n`);
      return 78;
    }
    throw error;
  }
  const source = await new DataSource({
    ...dataSourceOptions(config),
    migrationsRun: false,
  }).initialize();
  const keys = await openKeyStore(config, true);
  try {
    const repository = new EvidenceRepository({ manager: source.manager } as DatabaseService);
    // Every published key: events signed before a signing-key rotation carry the old key's id.
    const published = await keys.publishedKeys('evidence');
    const result = await auditEvidenceLog(repository, published);
    if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.ok)
      process.stdout.write(
        `The evidence log is intact: ${result.events} events, ${result.treeHeads} tree heads.\n`,
      );
    else
      process.stdout.write(
        `BROKEN after ${result.events} good events and ${result.treeHeads} tree heads:\n${result.problem}\n`,
      );
    return result.ok ? 0 : 1;
  } finally {
    await keys.close();
    await source.destroy();
  }
}
