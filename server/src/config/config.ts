import { isIP } from 'node:net';
import { isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import { submissionJsonLimit } from '../common/body-limits.rules';
import { parseMssqlUrl } from '../database/mssql/mssql-url';
import { CONFIG_SCHEMA } from './config.schema';

export type AuthMode = 'oidc' | 'dev';
export type CeIdChannelSetting = 'sms' | 'sender' | 'sms-or-sender';
export type OutboundMode = 'capture' | 'relay' | 'direct' | 'graph';
export type SmsProviderSetting = 'outbox' | 'cm' | 'none';

/** The typed, validated configuration. Injected by class token; only loadConfig reads the env. */
export abstract class ZegelConfig {
  abstract readonly authMode: AuthMode;
  abstract readonly host: string;
  abstract readonly port: number;
  abstract readonly publicUrl: string;
  abstract readonly trustProxy: boolean;
  abstract readonly dataDir: string;
  abstract readonly keyDir: string;
  abstract readonly database: (
    | { type: 'sqlite'; path: string }
    | { type: 'postgres'; url: string }
    | { type: 'mssql'; url: string }
  ) & {
    migrate: 'auto' | 'wait';
    /** Connections each instance keeps to PostgreSQL or SQL Server (SQLite has one). */
    poolSize?: number;
  };
  abstract readonly logLevel: string;
  abstract readonly oidc: {
    issuer?: string;
    audience?: string;
    jwksUrl?: string;
    requiredScope: string;
    adminRole: string;
    socRole: string;
    clockToleranceSeconds: number;
    /** The admin console's sign-in (public client, PKCE); defaults in admin-console-config.ts. */
    console?: { clientId?: string; authority?: string; scopes?: string[] };
  };
  abstract readonly limits: {
    maxRecipients: number;
    maxAttachments: number;
    maxAttachmentBytes: number;
    maxMessageBytes: number;
    maxBodyBytes: number;
    /** Request-body bytes all HTTP parsers together may hold at once. */
    maxInFlightBodyBytes: number;
  };
  /** Prometheus /metrics, on its own listener (loopback by default), never on the public port. */
  abstract readonly metrics: { host: string; port: number };
  /** The transparency log: how often the leader signs a tree head, at most how many events each. */
  abstract readonly evidence: {
    treeHeadSeconds: number;
    treeHeadEvents: number;
    /** RFC 3161 time-stamping authority for each signed tree head; none when unset. */
    tsaUrl: string | undefined;
  };
  abstract readonly retention: {
    retrievalDays: number;
    graceHours: number;
    sweepIntervalSeconds: number;
  };
  abstract readonly pickup: {
    ipFailures: number;
    blockMinutes: number;
    messageFailures: number;
    sessionMinutes: number;
  };
  abstract readonly notify: {
    ceIdChannel: CeIdChannelSetting;
    sms: {
      provider: SmsProviderSetting;
      sender: string;
      cmProductToken?: string;
      cmUrl: string;
      /** Secret path segment of the delivery-report endpoint the provider calls. */
      statusToken?: string;
    };
    /** Whether receipts to the sender name the attachments (names are content). */
    receiptShowsNames: boolean;
    /** Whether receipts carry the original subject (a subject can be confidential). */
    receiptShowsSubject: boolean;
    /** The evidence events that send the sender a receipt. */
    receiptEvents: string[];
    showSubject: boolean;
    mailFrom: string;
    outboundMode: OutboundMode;
    relayUrl?: string;
    relayRequireTls: boolean;
  };
  /** The branding's first-start default (server/src/branding); admins change it later. */
  abstract readonly branding: {
    organisationName: string;
    primaryColour: string;
    logoFile?: string;
    supportPhone?: string;
    supportUrl?: string;
  };
  abstract readonly smtp: { host: string; port: number };
  /** The inbound SMTP connector (server/src/connector); lists are raw and parsed there. */
  abstract readonly connector: {
    certFile?: string;
    keyFile?: string;
    requireTls: boolean;
    allowedIps: string[];
    clientCertSubjects: string[];
    clientCaFile?: string;
    authUsers: string[];
    /** SMTP AUTH failures per client address (IPv6 per /64) before it is locked out. */
    authMaxFailures: number;
    authLockMinutes: number;
    /** Delay before answering a failed AUTH; doubles with each failure of the address. */
    authDelayMs: number;
    maxMessageBytes: number;
    unprotected: 'refuse' | 'relay';
    smartHostUrl?: string;
    unclassified: string;
  };
  abstract readonly smarttls: {
    dnsResolver: { host: string; port: number };
    caFile?: string;
    policy: 'dane-or-mta-sts' | 'pkix' | 'dane-only';
    /** Port of recipient MX hosts (25; a lab uses another). */
    smtpPort: number;
    /** Port of the MTA-STS policy hosts (443; a lab uses another). */
    mtaStsPort: number;
  };
  /** TLS reporting (RFC 8460) of direct deliveries. */
  abstract readonly tlsrpt: { enabled: boolean; organization?: string; intervalSeconds: number };
  /** Webhook deliveries: per-attempt timeout, retry backoff base and lifetime, auto-disable. */
  abstract readonly webhooks: {
    timeoutMs: number;
    retryBaseMs: number;
    retryMs: number;
    disableAfterMs: number;
    /** After a secret rotation, how long deliveries carry a signature with the old secret too. */
    secretGraceMs: number;
  };
  /** Ranges outside the default refusal of the outbound guard (labs, internal relays). */
  abstract readonly outbound: { privateTargetsAllowed: string[] };
  abstract readonly delivery: {
    routeCheckTimeoutMs: number;
    lifetimeMs: number;
    retryBaseMs: number;
    directFallbackMs: number;
    dkim?: { domain: string; selector: string; keyFile: string };
    jobLeaseMs: number;
    /**
     * Whether this instance claims and runs jobs. Off on an instance that only takes mail in;
     * another instance on the same database must then run them (ZEGEL_RUN_JOBS).
     */
    runJobs: boolean;
  };
  /** Where jobs wait: the database (default) or BullMQ on Redis, fed by a transactional outbox. */
  abstract readonly queue:
    { type: 'database' } | { type: 'bullmq'; redisUrl: string; prefix: string };
  /** Where encrypted blobs live, and the sweep of what a crash left behind (server/src/vault). */
  abstract readonly storage: {
    blobStore: 'local' | 'azure';
    azure?: {
      connectionString?: string;
      accountUrl?: string;
      container: string;
      blockBytes: number;
    };
    orphanSweepMs: number;
    orphanMinAgeMs: number;
  };
  /** Where key-encryption keys and the evidence signing key live (server/src/vault). */
  abstract readonly keyStore:
    | { type: 'local' }
    | { type: 'pkcs11'; library: string; tokenLabel: string; pinFile: string }
    | { type: 'azure-key-vault'; url: string; kekName: string; signingKeyName: string };
  /**
   * Microsoft 365 through msal-node and Microsoft Graph (server/src/m365); undefined unless a
   * tenant, a client id and a credential are set.
   */
  abstract readonly m365?: {
    tenantId: string;
    clientId: string;
    /** `https://login.microsoftonline.com/<tenant>` or the same on another authority host. */
    authority: string;
    credential:
      | { kind: 'certificate'; certFile: string; keyFile: string }
      | { kind: 'secret'; secret: string };
    /** Graph's base URL, e.g. https://graph.microsoft.com/v1.0. */
    graphUrl: string;
    /** Whether the task pane may hand Zegel a draft to fetch through Graph (On-Behalf-Of). */
    intake: boolean;
    /** From this size on (bytes, all attachments together) the task pane uses Graph. */
    intakeMinBytes: number;
    /** The mailbox Zegel sends from in outbound mode `graph`. */
    mailbox: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopbackHost = (host: string): boolean =>
  LOOPBACK.has(host) || (isIP(host) === 4 && host.startsWith('127.'));

function splitHostPort(value: string): { host: string; port: number } {
  const at = value.lastIndexOf(':');
  return { host: value.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(value.slice(at + 1)) };
}

/** A comma-separated setting as its trimmed, non-empty items. */
const list = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Reads and validates every ZEGEL_* variable at once and lists every problem, so an operator fixes
 * them in one go. Unknown ZEGEL_* names are errors too: a typo must not silently fall back.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ZegelConfig {
  const problems: string[] = [];
  const known = new Set(Object.keys(CONFIG_SCHEMA));
  for (const name of Object.keys(env)) {
    if (name.startsWith('ZEGEL_') && !known.has(name) && !name.startsWith('ZEGEL_TEST_')) {
      problems.push(`${name}: unknown setting`);
    }
  }
  const raw: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(CONFIG_SCHEMA)) {
    const value = env[name] === '' ? undefined : env[name];
    const result = (schema as z.ZodTypeAny).safeParse(value);
    if (result.success) raw[name] = result.data;
    else problems.push(`${name}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new ConfigError(problems);
  const v = raw as { [K in keyof typeof CONFIG_SCHEMA]: z.infer<(typeof CONFIG_SCHEMA)[K]> };

  const dataDir = resolve(cwd, v.ZEGEL_DATA_DIR);
  const keyDir = resolve(cwd, v.ZEGEL_KEY_DIR);
  if (isInside(dataDir, keyDir) || isInside(keyDir, dataDir)) {
    problems.push('ZEGEL_KEY_DIR: must be apart from ZEGEL_DATA_DIR (neither inside the other)');
  }
  if (v.ZEGEL_AUTH_MODE === 'dev' && !isLoopbackHost(v.ZEGEL_HOST)) {
    problems.push(
      `ZEGEL_AUTH_MODE: development mode is refused unless Zegel listens on loopback only (ZEGEL_HOST is ${v.ZEGEL_HOST})`,
    );
  }
  if (v.ZEGEL_AUTH_MODE === 'oidc') {
    if (!v.ZEGEL_OIDC_ISSUER)
      problems.push('ZEGEL_OIDC_ISSUER: required when ZEGEL_AUTH_MODE=oidc');
    if (!v.ZEGEL_OIDC_AUDIENCE)
      problems.push('ZEGEL_OIDC_AUDIENCE: required when ZEGEL_AUTH_MODE=oidc');
  }
  // MSAL for the browser signs in only against an HTTPS authority.
  if (v.ZEGEL_ADMIN_AUTHORITY && !v.ZEGEL_ADMIN_AUTHORITY.startsWith('https://')) {
    problems.push('ZEGEL_ADMIN_AUTHORITY: must be an https:// address');
  }
  const outboundMode =
    v.ZEGEL_OUTBOUND_MODE ?? (v.ZEGEL_AUTH_MODE === 'dev' ? 'capture' : undefined);
  if (!outboundMode) {
    problems.push(
      'ZEGEL_OUTBOUND_MODE: choose relay, direct or graph; capture writes every mail (codes mailed to senders included) to disk and is the development default',
    );
  }
  if (v.ZEGEL_OUTBOUND_MODE === 'relay' && !v.ZEGEL_RELAY_URL) {
    problems.push('ZEGEL_RELAY_URL: required when ZEGEL_OUTBOUND_MODE=relay');
  }
  const dkimSet = [v.ZEGEL_DKIM_DOMAIN, v.ZEGEL_DKIM_SELECTOR, v.ZEGEL_DKIM_KEY_FILE].filter(
    Boolean,
  );
  if (dkimSet.length && dkimSet.length < 3) {
    problems.push(
      'ZEGEL_DKIM_DOMAIN, ZEGEL_DKIM_SELECTOR, ZEGEL_DKIM_KEY_FILE: set all three or none',
    );
  }
  if (v.ZEGEL_MAX_ATTACHMENT_BYTES > v.ZEGEL_MAX_MESSAGE_BYTES) {
    problems.push('ZEGEL_MAX_ATTACHMENT_BYTES: may not exceed ZEGEL_MAX_MESSAGE_BYTES');
  }
  // One submission of the largest size the limits allow must fit in the in-flight budget.
  const submissionBytes = submissionJsonLimit({
    maxBodyBytes: v.ZEGEL_MAX_BODY_BYTES,
    maxRecipients: v.ZEGEL_MAX_RECIPIENTS,
  });
  const maxInFlightBodyBytes =
    v.ZEGEL_MAX_INFLIGHT_BODY_BYTES ?? Math.max(64 * 1024 ** 2, 2 * submissionBytes);
  if (maxInFlightBodyBytes < submissionBytes) {
    problems.push(
      `ZEGEL_MAX_INFLIGHT_BODY_BYTES: must be at least ${submissionBytes}, the largest submission that ZEGEL_MAX_BODY_BYTES and ZEGEL_MAX_RECIPIENTS allow`,
    );
  }
  if (v.ZEGEL_SMTP_UNPROTECTED === 'relay' && !v.ZEGEL_SMTP_SMART_HOST_URL) {
    problems.push('ZEGEL_SMTP_SMART_HOST_URL: required when ZEGEL_SMTP_UNPROTECTED=relay');
  }
  if (!v.ZEGEL_SMTP_TLS_CERT_FILE !== !v.ZEGEL_SMTP_TLS_KEY_FILE) {
    problems.push('ZEGEL_SMTP_TLS_CERT_FILE and ZEGEL_SMTP_TLS_KEY_FILE: set both or neither');
  }
  const smsProvider = v.ZEGEL_SMS_PROVIDER ?? (v.ZEGEL_AUTH_MODE === 'dev' ? 'outbox' : 'none');
  const ceIdChannel = v.ZEGEL_CEID_CHANNEL ?? (smsProvider === 'none' ? 'sender' : 'sms-or-sender');
  if (smsProvider === 'outbox' && v.ZEGEL_AUTH_MODE !== 'dev') {
    problems.push(
      'ZEGEL_SMS_PROVIDER: the outbox keeps CE-IDs on disk and exists only in development mode; configure a real provider (cm) or none',
    );
  }
  if (smsProvider === 'none' && ceIdChannel !== 'sender') {
    problems.push(
      `ZEGEL_CEID_CHANNEL: ${ceIdChannel} needs an SMS provider (ZEGEL_SMS_PROVIDER=cm); or set it to sender`,
    );
  }
  if (smsProvider === 'cm' && !v.ZEGEL_SMS_CM_PRODUCT_TOKEN) {
    problems.push('ZEGEL_SMS_CM_PRODUCT_TOKEN: required when ZEGEL_SMS_PROVIDER=cm');
  }
  if (v.ZEGEL_BLOB_STORE === 'azure') {
    const ways = [v.ZEGEL_AZURE_STORAGE_CONNECTION_STRING, v.ZEGEL_AZURE_STORAGE_ACCOUNT_URL];
    if (ways.filter(Boolean).length !== 1) {
      problems.push(
        'ZEGEL_AZURE_STORAGE_CONNECTION_STRING or ZEGEL_AZURE_STORAGE_ACCOUNT_URL: set exactly one when ZEGEL_BLOB_STORE=azure',
      );
    }
  }
  if (v.ZEGEL_KEY_STORE === 'pkcs11') {
    for (const name of [
      'ZEGEL_PKCS11_LIBRARY',
      'ZEGEL_PKCS11_TOKEN_LABEL',
      'ZEGEL_PKCS11_PIN_FILE',
    ] as const) {
      if (!v[name]) problems.push(`${name}: required when ZEGEL_KEY_STORE=pkcs11`);
    }
  }
  if (v.ZEGEL_KEY_STORE === 'azure-key-vault' && !v.ZEGEL_AZURE_KEY_VAULT_URL) {
    problems.push('ZEGEL_AZURE_KEY_VAULT_URL: required when ZEGEL_KEY_STORE=azure-key-vault');
  }
  if (v.ZEGEL_QUEUE === 'bullmq' && !v.ZEGEL_REDIS_URL) {
    problems.push('ZEGEL_REDIS_URL: required when ZEGEL_QUEUE=bullmq');
  }
  if (v.ZEGEL_DATABASE_URL?.startsWith('mssql://'))
    problems.push(...mssqlProblems(v.ZEGEL_DATABASE_URL));
  problems.push(...m365Problems(v));
  if (problems.length) throw new ConfigError(problems);

  const databaseUrl = v.ZEGEL_DATABASE_URL ?? 'sqlite:zegel.sqlite';
  const migrate = v.ZEGEL_DATABASE_MIGRATE;
  const poolSize = v.ZEGEL_DATABASE_POOL_SIZE;
  const database = databaseUrl.startsWith('sqlite:')
    ? ({
        type: 'sqlite',
        path: resolve(dataDir, databaseUrl.slice('sqlite:'.length)),
        migrate,
      } as const)
    : databaseUrl.startsWith('mssql://')
      ? ({ type: 'mssql', url: databaseUrl, migrate, poolSize } as const)
      : ({ type: 'postgres', url: databaseUrl, migrate, poolSize } as const);
  const displayHost = v.ZEGEL_HOST.includes(':') ? `[${v.ZEGEL_HOST}]` : v.ZEGEL_HOST;

  return {
    authMode: v.ZEGEL_AUTH_MODE,
    host: v.ZEGEL_HOST,
    port: v.ZEGEL_PORT,
    publicUrl: (v.ZEGEL_PUBLIC_URL ?? `http://${displayHost}:${v.ZEGEL_PORT}`).replace(/\/$/, ''),
    trustProxy: v.ZEGEL_TRUST_PROXY,
    dataDir,
    keyDir,
    database,
    logLevel: v.ZEGEL_LOG_LEVEL,
    oidc: {
      issuer: v.ZEGEL_OIDC_ISSUER,
      audience: v.ZEGEL_OIDC_AUDIENCE,
      jwksUrl: v.ZEGEL_OIDC_JWKS_URL,
      requiredScope: v.ZEGEL_OIDC_REQUIRED_SCOPE,
      adminRole: v.ZEGEL_OIDC_ADMIN_ROLE,
      socRole: v.ZEGEL_OIDC_SOC_ROLE,
      clockToleranceSeconds: v.ZEGEL_OIDC_CLOCK_TOLERANCE_SECONDS,
      console: {
        clientId: v.ZEGEL_ADMIN_CLIENT_ID,
        authority: v.ZEGEL_ADMIN_AUTHORITY,
        scopes: v.ZEGEL_ADMIN_SCOPES?.split(/[\s,]+/).filter(Boolean),
      },
    },
    limits: {
      maxRecipients: v.ZEGEL_MAX_RECIPIENTS,
      maxAttachments: v.ZEGEL_MAX_ATTACHMENTS,
      maxAttachmentBytes: v.ZEGEL_MAX_ATTACHMENT_BYTES,
      maxMessageBytes: v.ZEGEL_MAX_MESSAGE_BYTES,
      maxBodyBytes: v.ZEGEL_MAX_BODY_BYTES,
      maxInFlightBodyBytes,
    },
    metrics: { host: v.ZEGEL_METRICS_HOST, port: v.ZEGEL_METRICS_PORT },
    evidence: {
      treeHeadSeconds: v.ZEGEL_EVIDENCE_TREE_HEAD_SECONDS,
      treeHeadEvents: v.ZEGEL_EVIDENCE_TREE_HEAD_EVENTS,
      tsaUrl: v.ZEGEL_TSA_URL,
    },
    retention: {
      retrievalDays: v.ZEGEL_RETRIEVAL_DAYS,
      graceHours: v.ZEGEL_RETRIEVAL_GRACE_HOURS,
      sweepIntervalSeconds: v.ZEGEL_SWEEP_INTERVAL_SECONDS,
    },
    pickup: {
      ipFailures: v.ZEGEL_PICKUP_IP_FAILURES,
      blockMinutes: v.ZEGEL_PICKUP_BLOCK_MINUTES,
      messageFailures: v.ZEGEL_PICKUP_MESSAGE_FAILURES,
      sessionMinutes: v.ZEGEL_PICKUP_SESSION_MINUTES,
    },
    notify: {
      ceIdChannel,
      sms: {
        provider: smsProvider,
        sender: v.ZEGEL_SMS_SENDER,
        cmProductToken: v.ZEGEL_SMS_CM_PRODUCT_TOKEN,
        cmUrl: v.ZEGEL_SMS_CM_URL,
        statusToken: v.ZEGEL_SMS_STATUS_TOKEN,
      },
      receiptShowsNames: v.ZEGEL_RECEIPT_SHOW_NAMES,
      receiptShowsSubject: v.ZEGEL_RECEIPT_SHOW_SUBJECT,
      receiptEvents: v.ZEGEL_RECEIPT_EVENTS,
      showSubject: v.ZEGEL_NOTIFY_SHOW_SUBJECT,
      mailFrom: v.ZEGEL_MAIL_FROM,
      outboundMode: outboundMode!,
      relayUrl: v.ZEGEL_RELAY_URL,
      relayRequireTls: v.ZEGEL_RELAY_REQUIRE_TLS,
    },
    branding: {
      organisationName: v.ZEGEL_ORG_NAME,
      primaryColour: v.ZEGEL_ORG_COLOUR.toLowerCase(),
      logoFile: v.ZEGEL_ORG_LOGO_FILE ? resolve(cwd, v.ZEGEL_ORG_LOGO_FILE) : undefined,
      supportPhone: v.ZEGEL_ORG_SUPPORT_PHONE,
      supportUrl: v.ZEGEL_ORG_SUPPORT_URL,
    },
    smtp: { host: v.ZEGEL_SMTP_HOST, port: v.ZEGEL_SMTP_PORT },
    connector: {
      certFile: v.ZEGEL_SMTP_TLS_CERT_FILE ? resolve(cwd, v.ZEGEL_SMTP_TLS_CERT_FILE) : undefined,
      keyFile: v.ZEGEL_SMTP_TLS_KEY_FILE ? resolve(cwd, v.ZEGEL_SMTP_TLS_KEY_FILE) : undefined,
      requireTls: v.ZEGEL_SMTP_REQUIRE_TLS,
      allowedIps: list(v.ZEGEL_SMTP_ALLOWED_IPS),
      clientCertSubjects: list(v.ZEGEL_SMTP_CLIENT_CERT_SUBJECTS),
      clientCaFile: v.ZEGEL_SMTP_CLIENT_CA_FILE
        ? resolve(cwd, v.ZEGEL_SMTP_CLIENT_CA_FILE)
        : undefined,
      authUsers: list(v.ZEGEL_SMTP_AUTH_USERS),
      authMaxFailures: v.ZEGEL_SMTP_AUTH_MAX_FAILURES,
      authLockMinutes: v.ZEGEL_SMTP_AUTH_LOCK_MINUTES,
      authDelayMs: v.ZEGEL_SMTP_AUTH_DELAY_MS,
      maxMessageBytes: v.ZEGEL_SMTP_MAX_MESSAGE_BYTES ?? v.ZEGEL_MAX_MESSAGE_BYTES,
      unprotected: v.ZEGEL_SMTP_UNPROTECTED,
      smartHostUrl: v.ZEGEL_SMTP_SMART_HOST_URL,
      unclassified: v.ZEGEL_SMTP_UNCLASSIFIED,
    },
    smarttls: {
      dnsResolver: splitHostPort(v.ZEGEL_DNS_RESOLVER),
      caFile: v.ZEGEL_CA_FILE ? resolve(cwd, v.ZEGEL_CA_FILE) : undefined,
      policy: v.ZEGEL_SMARTTLS_POLICY,
      smtpPort: v.ZEGEL_MX_PORT,
      mtaStsPort: v.ZEGEL_MTA_STS_PORT,
    },
    tlsrpt: {
      enabled: v.ZEGEL_TLSRPT_ENABLED,
      organization: v.ZEGEL_TLSRPT_ORGANIZATION,
      intervalSeconds: v.ZEGEL_TLSRPT_INTERVAL_SECONDS,
    },
    webhooks: {
      timeoutMs: v.ZEGEL_WEBHOOK_TIMEOUT_MS,
      retryBaseMs: v.ZEGEL_WEBHOOK_RETRY_BASE_MS,
      retryMs: v.ZEGEL_WEBHOOK_RETRY_HOURS * 3_600_000,
      disableAfterMs: v.ZEGEL_WEBHOOK_DISABLE_AFTER_DAYS * 86_400_000,
      secretGraceMs: v.ZEGEL_WEBHOOK_SECRET_GRACE_HOURS * 3_600_000,
    },
    outbound: { privateTargetsAllowed: list(v.ZEGEL_PRIVATE_TARGETS_ALLOWED) },
    delivery: {
      routeCheckTimeoutMs: v.ZEGEL_ROUTE_CHECK_TIMEOUT_MS,
      lifetimeMs: Math.round(v.ZEGEL_DELIVERY_LIFETIME_DAYS * 86_400_000),
      retryBaseMs: Math.round(v.ZEGEL_DELIVERY_RETRY_SECONDS * 1000),
      directFallbackMs: Math.round(v.ZEGEL_DIRECT_FALLBACK_MINUTES * 60_000),
      dkim:
        v.ZEGEL_DKIM_DOMAIN && v.ZEGEL_DKIM_SELECTOR && v.ZEGEL_DKIM_KEY_FILE
          ? {
              domain: v.ZEGEL_DKIM_DOMAIN,
              selector: v.ZEGEL_DKIM_SELECTOR,
              keyFile: resolve(cwd, v.ZEGEL_DKIM_KEY_FILE),
            }
          : undefined,
      jobLeaseMs: v.ZEGEL_JOB_LEASE_SECONDS * 1000,
      runJobs: v.ZEGEL_RUN_JOBS,
    },
    queue:
      v.ZEGEL_QUEUE === 'bullmq'
        ? { type: 'bullmq', redisUrl: v.ZEGEL_REDIS_URL!, prefix: v.ZEGEL_REDIS_PREFIX }
        : { type: 'database' },
    storage: {
      blobStore: v.ZEGEL_BLOB_STORE,
      azure:
        v.ZEGEL_BLOB_STORE === 'azure'
          ? {
              connectionString: v.ZEGEL_AZURE_STORAGE_CONNECTION_STRING,
              accountUrl: v.ZEGEL_AZURE_STORAGE_ACCOUNT_URL,
              container: v.ZEGEL_AZURE_STORAGE_CONTAINER,
              blockBytes: v.ZEGEL_AZURE_BLOB_BLOCK_BYTES,
            }
          : undefined,
      orphanSweepMs: v.ZEGEL_ORPHAN_SWEEP_MINUTES * 60_000,
      orphanMinAgeMs: v.ZEGEL_ORPHAN_MIN_AGE_MINUTES * 60_000,
    },
    keyStore:
      v.ZEGEL_KEY_STORE === 'pkcs11'
        ? {
            type: 'pkcs11',
            library: v.ZEGEL_PKCS11_LIBRARY!,
            tokenLabel: v.ZEGEL_PKCS11_TOKEN_LABEL!,
            pinFile: resolve(cwd, v.ZEGEL_PKCS11_PIN_FILE!),
          }
        : v.ZEGEL_KEY_STORE === 'azure-key-vault'
          ? {
              type: 'azure-key-vault',
              url: v.ZEGEL_AZURE_KEY_VAULT_URL!,
              kekName: v.ZEGEL_AZURE_KEY_VAULT_KEK_NAME,
              signingKeyName: v.ZEGEL_AZURE_KEY_VAULT_SIGNING_KEY_NAME,
            }
          : { type: 'local' },
    m365: m365Settings(v, cwd),
  };
}

/**
 * SQL Server URLs are parsed (so a wrong one says what is wrong), and SQL Server needs the `mssql`
 * driver package, which TypeORM loads only when asked: say so at start rather than at first query.
 */
function mssqlProblems(url: string): string[] {
  try {
    parseMssqlUrl(url);
  } catch (error) {
    return [(error as Error).message];
  }
  if (!mssqlDriverInstalled())
    return [
      'ZEGEL_DATABASE_URL: SQL Server (mssql://) needs the mssql package: npm install mssql (docs/deployment.md)',
    ];
  return [];
}

function mssqlDriverInstalled(): boolean {
  try {
    require.resolve('mssql');
    return true;
  } catch {
    return false;
  }
}

type Raw = { [K in keyof typeof CONFIG_SCHEMA]: z.infer<(typeof CONFIG_SCHEMA)[K]> };

const M365_NAMES = [
  'ZEGEL_M365_TENANT_ID',
  'ZEGEL_M365_CLIENT_ID',
  'ZEGEL_M365_CLIENT_CERT_FILE',
  'ZEGEL_M365_CLIENT_KEY_FILE',
  'ZEGEL_M365_CLIENT_SECRET',
] as const;

function m365Problems(v: Raw): string[] {
  const problems: string[] = [];
  const any = M365_NAMES.some((name) => v[name]);
  const credential = v.ZEGEL_M365_CLIENT_CERT_FILE || v.ZEGEL_M365_CLIENT_SECRET;
  if (any || v.ZEGEL_OUTBOUND_MODE === 'graph') {
    const why = any ? 'once any ZEGEL_M365_* is set' : 'with ZEGEL_OUTBOUND_MODE=graph';
    if (!v.ZEGEL_M365_TENANT_ID) problems.push(`ZEGEL_M365_TENANT_ID: required ${why}`);
    if (!v.ZEGEL_M365_CLIENT_ID) problems.push(`ZEGEL_M365_CLIENT_ID: required ${why}`);
    if (!credential)
      problems.push(
        `ZEGEL_M365_CLIENT_CERT_FILE or ZEGEL_M365_CLIENT_SECRET: a credential is required ${why}`,
      );
  }
  if (!v.ZEGEL_M365_CLIENT_CERT_FILE !== !v.ZEGEL_M365_CLIENT_KEY_FILE) {
    problems.push(
      'ZEGEL_M365_CLIENT_CERT_FILE and ZEGEL_M365_CLIENT_KEY_FILE: set both or neither',
    );
  }
  if (v.ZEGEL_M365_CLIENT_CERT_FILE && v.ZEGEL_M365_CLIENT_SECRET) {
    problems.push(
      'ZEGEL_M365_CLIENT_SECRET: set a certificate or a secret, not both (the certificate is preferred)',
    );
  }
  if (v.ZEGEL_GRAPH_MAILBOX && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v.ZEGEL_GRAPH_MAILBOX)) {
    problems.push('ZEGEL_GRAPH_MAILBOX: must be a plain e-mail address');
  }
  return problems;
}

function m365Settings(v: Raw, cwd: string): ZegelConfig['m365'] {
  const tenantId = v.ZEGEL_M365_TENANT_ID;
  const clientId = v.ZEGEL_M365_CLIENT_ID;
  if (!tenantId || !clientId) return undefined;
  const credential = v.ZEGEL_M365_CLIENT_CERT_FILE
    ? ({
        kind: 'certificate',
        certFile: resolve(cwd, v.ZEGEL_M365_CLIENT_CERT_FILE),
        keyFile: resolve(cwd, v.ZEGEL_M365_CLIENT_KEY_FILE!),
      } as const)
    : ({ kind: 'secret', secret: v.ZEGEL_M365_CLIENT_SECRET! } as const);
  const from = /<([^>]+)>/.exec(v.ZEGEL_MAIL_FROM)?.[1] ?? v.ZEGEL_MAIL_FROM.trim();
  return {
    tenantId,
    clientId,
    authority: `${v.ZEGEL_M365_AUTHORITY_HOST}/${encodeURIComponent(tenantId)}`,
    credential,
    graphUrl: v.ZEGEL_GRAPH_URL,
    intake: v.ZEGEL_GRAPH_INTAKE,
    intakeMinBytes: v.ZEGEL_GRAPH_INTAKE_MIN_BYTES,
    mailbox: (v.ZEGEL_GRAPH_MAILBOX ?? from).toLowerCase(),
  };
}
