import 'reflect-metadata';

/** A CLI command: takes its own arguments, writes to stdout/stderr, returns the exit status. */
export type CliCommand = (args: string[]) => Promise<number>;

const USAGE = `Usage: zegel <command> [options]

Commands:
  smarttls check <domain>   grade a recipient domain's mail servers (--help for options)
  smarttls scan <file|->    check a list of domains: JSON, CSV and HTML reports
  smarttls self             check Zegel's own SMTP endpoint as a sender would; the TLSA record
  exchange script           print the PowerShell that routes labelled mail to Zegel
  migrate [--check]         bring the database schema up to date (a release step)
  keys init|rotate          create the keys (key ceremony), or rotate the key-encryption key
  evidence verify|audit     verify an exported evidence bundle offline; audit the whole log
`;

/** Each command is loaded only when asked for, so one command's dependencies never slow another. */
const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  smarttls: () => import('./smarttls.command').then((m) => m.runSmartTlsCommand),
  exchange: () => import('./exchange.command').then((m) => m.runExchangeCommand),
  migrate: () => import('./migrate.command').then((m) => m.runMigrateCommand),
  keys: () => import('./keys.command').then((m) => m.runKeysCommand),
  evidence: () => import('./evidence.command').then((m) => m.runEvidenceCommand),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 64;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`zegel: unknown command "${name}"\n\n${USAGE}`);
    return 64; // EX_USAGE
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (error) {
    process.stderr.write(
      `zegel ${name}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}
