import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createZegelApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';
import { SmtpConnector } from './connector/smtp-connector.service';
import { MetricsEndpoint } from './health/metrics-endpoint.service';

/**
 * `node server/dist/main.js [--dev]`. `--dev` (what `npm start` passes) makes development mode the
 * default: a fixed development user, only on loopback, announced loudly at start.
 */
async function main(): Promise<void> {
  const env = { ...process.env };
  if (process.argv.includes('--dev')) env.ZEGEL_AUTH_MODE ??= 'dev';
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createZegelApp(config);
  const logger = app.get(Logger);
  await app.listen(config.port, config.host);
  if (config.authMode !== 'dev' && config.notify.outboundMode === 'capture') {
    logger.warn(
      `Outbound mail is captured in ${config.dataDir}/outbox and never sent; those mails include the CE-IDs mailed to senders. Use this only for tests.`,
    );
  }
  if (config.authMode === 'dev') {
    logger.warn(
      'DEVELOPMENT MODE: every API call acts as the fixed development user. Never use this in production.',
    );
  }
  const lines = [
    `Zegel is running.`,
    `  API           ${config.publicUrl}/api/v1`,
    `  API docs      ${config.publicUrl}/api/docs`,
    `  Admin/outbox  ${config.publicUrl}/admin`,
    `  Health        ${config.publicUrl}/health`,
    `  Metrics       http://${bracketed(config.metrics.host)}:${app.get(MetricsEndpoint).port}/metrics`,
    `  SMTP          ${config.smtp.host}:${app.get(SmtpConnector).port}`,
    `  Data          ${config.dataDir}`,
    `  Keys          ${config.keyDir}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

const bracketed = (host: string) => (host.includes(':') ? `[${host}]` : host);

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
