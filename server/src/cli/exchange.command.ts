import { existsSync, readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from '../database/data-source-options';
import { MailFlowRuleEntity } from '../policy/mail-flow/mail-flow-rule.entity';
import type { MailFlowRule } from '../policy/mail-flow/mail-flow.types';
import { exchangeScript, type ExchangeScriptOptions } from '../policy/exchange/exchange-script';

const USAGE = `Usage: zegel exchange script --host <zegel host> [options]

  --target online|onprem   Exchange Online (default) or Exchange Server on-premises
  --host name              the name Exchange connects to; Zegel's certificate must carry it
  --port n                 on-premises only: Zegel's SMTP port (default 25)
  --name text              connector name (default "Zegel")
  --source-server name     on-premises: a transport server that sends through Zegel (repeatable)
  --rules file.json        mirror these mail-flow rules (as GET /api/v1/admin/mail-flow-rules returns)
  --from-database          mirror the mail-flow rules in Zegel's configured database

Prints the PowerShell to stdout. Exit status 0, or 64 on bad arguments.
`;

export type ExchangeArguments = Omit<ExchangeScriptOptions, 'rules'> & {
  rulesFile?: string;
  fromDatabase: boolean;
};

/** Parses the arguments after `exchange`; returns the problem in plain words when they are wrong. */
export function parseExchangeArguments(args: string[]): ExchangeArguments | { problem: string } {
  const [sub, ...rest] = args;
  if (sub !== 'script')
    return { problem: sub ? `unknown subcommand "${sub}"` : 'missing subcommand "script"' };
  const parsed: Partial<ExchangeArguments> = { target: 'online', fromDatabase: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string | null =>
      i + 1 < rest.length && !rest[i + 1].startsWith('--') ? rest[++i] : null;
    if (arg === '--from-database') parsed.fromDatabase = true;
    else if (arg === '--target') {
      const v = value();
      if (v !== 'online' && v !== 'onprem')
        return { problem: `--target must be online or onprem, got "${v ?? ''}"` };
      parsed.target = v;
    } else if (arg === '--port') {
      const v = value();
      if (!v || !/^\d{1,5}$/.test(v) || +v < 1 || +v > 65535)
        return { problem: `--port needs a port number, got "${v ?? ''}"` };
      parsed.zegelPort = Number(v);
    } else if (
      arg === '--host' ||
      arg === '--name' ||
      arg === '--rules' ||
      arg === '--source-server'
    ) {
      const v = value();
      if (!v) return { problem: `${arg} needs a value` };
      if (arg === '--host') parsed.zegelHost = v;
      else if (arg === '--name') parsed.connectorName = v;
      else if (arg === '--rules') parsed.rulesFile = v;
      else parsed.sourceServers = [...(parsed.sourceServers ?? []), v];
    } else return { problem: `unknown argument ${arg}` };
  }
  if (!parsed.zegelHost) return { problem: 'missing --host (the name Exchange connects to)' };
  if (parsed.rulesFile && parsed.fromDatabase)
    return { problem: 'use --rules or --from-database, not both' };
  return parsed as ExchangeArguments;
}

async function rulesFromDatabase(): Promise<MailFlowRule[]> {
  // Reading the rules serves nothing, so the server's listening and sign-in settings do not concern it.
  const config = loadConfig({ ...process.env, ZEGEL_AUTH_MODE: 'dev', ZEGEL_HOST: '127.0.0.1' });
  if (config.database.type === 'sqlite' && !existsSync(config.database.path)) {
    throw new Error(
      `no Zegel database at ${config.database.path} (set ZEGEL_DATA_DIR, or use --rules)`,
    );
  }
  const options = dataSourceOptions(config);
  // Read only: the CLI never creates or migrates the database of a running server.
  const source = new DataSource(
    options.type === 'better-sqlite3'
      ? { ...options, migrationsRun: false, readonly: true }
      : { ...options, migrationsRun: false },
  );
  await source.initialize();
  try {
    return await source.manager.find(MailFlowRuleEntity, { order: { position: 'ASC' } });
  } catch (error) {
    throw new Error(
      `cannot read the mail-flow rules (${(error as Error).message}); start Zegel once so it migrates its database`,
    );
  } finally {
    await source.destroy();
  }
}

/** `zegel exchange script`: the PowerShell that wires Exchange to Zegel. */
export async function runExchangeCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseExchangeArguments(args);
  if ('problem' in parsed) {
    process.stderr.write(`zegel exchange: ${parsed.problem}\n\n${USAGE}`);
    return 64;
  }
  let rules: MailFlowRule[] = [];
  if (parsed.rulesFile) {
    const data = JSON.parse(readFileSync(parsed.rulesFile, 'utf8')) as unknown;
    if (!Array.isArray(data)) throw new Error(`${parsed.rulesFile} does not hold a list of rules`);
    rules = data as MailFlowRule[];
  } else if (parsed.fromDatabase) {
    rules = await rulesFromDatabase();
  }
  try {
    process.stdout.write(exchangeScript({ ...parsed, rules }));
  } catch (error) {
    process.stderr.write(`zegel exchange: ${(error as Error).message}\n`);
    return 64;
  }
  return 0;
}
