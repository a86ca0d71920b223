import { z } from 'zod';
import { parseCidr } from '../common/net/outbound-guard';

/**
 * Every ZEGEL_* setting, its type and its default. docs/configuration.md lists the same; the
 * config spec checks that the two agree. Only this folder reads process.env.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
/** The outcomes a sender can get a receipt for (ZEGEL_RECEIPT_EVENTS). */
export const RECEIPT_EVENTS = [
  'ContentHandover',
  'ConsignmentAcceptance',
  'ConsignmentRejection',
  'AcceptanceRejectionExpiry',
] as const;
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:]+\]|[^:\s]+):\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:53');

export const CONFIG_SCHEMA = {
  ZEGEL_AUTH_MODE: z.enum(['oidc', 'dev']).default('oidc'),
  ZEGEL_HOST: z.string().min(1).default('127.0.0.1'),
  ZEGEL_PORT: int(0, 65535).default(3000),
  ZEGEL_PUBLIC_URL: z.string().url().optional(),
  ZEGEL_TRUST_PROXY: bool.default(false),
  ZEGEL_DATA_DIR: z.string().min(1).default('./data'),
  ZEGEL_KEY_DIR: z.string().min(1).default('./keys'),
  ZEGEL_DATABASE_URL: z
    .string()
    .regex(
      /^(sqlite:|postgres(ql)?:\/\/|mssql:\/\/)/,
      'must start with sqlite:, postgres:// or mssql://',
    )
    .optional(),
  ZEGEL_DATABASE_MIGRATE: z.enum(['auto', 'wait']).default('auto'),
  ZEGEL_DATABASE_POOL_SIZE: int(1, 500).default(10),
  ZEGEL_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  ZEGEL_METRICS_PORT: int(0, 65535).default(9464),
  ZEGEL_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),

  ZEGEL_OIDC_ISSUER: z.string().url().optional(),
  ZEGEL_OIDC_AUDIENCE: z.string().min(1).optional(),
  ZEGEL_OIDC_JWKS_URL: z.string().url().optional(),
  ZEGEL_OIDC_REQUIRED_SCOPE: z.string().min(1).default('Zegel.Send'),
  ZEGEL_OIDC_ADMIN_ROLE: z.string().min(1).default('Zegel.Admin'),
  ZEGEL_OIDC_SOC_ROLE: z.string().min(1).default('Zegel.Soc'),
  ZEGEL_OIDC_CLOCK_TOLERANCE_SECONDS: int(0, 300).default(30),
  ZEGEL_ADMIN_CLIENT_ID: z.string().min(1).optional(),
  ZEGEL_ADMIN_AUTHORITY: z.string().url().optional(),
  ZEGEL_ADMIN_SCOPES: z.string().min(1).optional(),

  ZEGEL_MAX_RECIPIENTS: int(1, 1000).default(50),
  ZEGEL_MAX_ATTACHMENTS: int(0, 500).default(25),
  ZEGEL_MAX_ATTACHMENT_BYTES: int(1, 10 * 1024 ** 3).default(150 * 1024 ** 2),
  ZEGEL_MAX_MESSAGE_BYTES: int(1, 50 * 1024 ** 3).default(250 * 1024 ** 2),
  ZEGEL_MAX_BODY_BYTES: int(1, 100 * 1024 ** 2).default(10 * 1024 ** 2),
  ZEGEL_MAX_INFLIGHT_BODY_BYTES: int(64 * 1024, 16 * 1024 ** 3).optional(),

  ZEGEL_RETRIEVAL_DAYS: int(1, 365).default(14),
  ZEGEL_RETRIEVAL_GRACE_HOURS: int(0, 24 * 90).default(24),
  ZEGEL_SWEEP_INTERVAL_SECONDS: int(1, 86400).default(60),
  ZEGEL_EVIDENCE_TREE_HEAD_SECONDS: int(1, 3600).default(5),
  ZEGEL_EVIDENCE_TREE_HEAD_EVENTS: int(1, 100_000).default(1000),
  ZEGEL_TSA_URL: z.string().url().optional(),
  ZEGEL_PICKUP_IP_FAILURES: int(1, 100).default(3),
  ZEGEL_PICKUP_BLOCK_MINUTES: int(1, 10080).default(60),
  ZEGEL_PICKUP_MESSAGE_FAILURES: int(1, 1000).default(10),
  ZEGEL_PICKUP_SESSION_MINUTES: int(1, 1440).default(30),

  ZEGEL_CEID_CHANNEL: z.enum(['sms', 'sender', 'sms-or-sender']).optional(),
  ZEGEL_SMS_PROVIDER: z.enum(['outbox', 'cm', 'none']).optional(),
  ZEGEL_SMS_SENDER: z
    .string()
    .regex(
      /^([A-Za-z0-9 ]{1,11}|\+?[0-9]{3,16})$/,
      'must be up to 11 letters or digits, or a number',
    )
    .default('Zegel'),
  ZEGEL_SMS_CM_PRODUCT_TOKEN: z
    .string()
    .uuid('must be the CM.com product token (a UUID)')
    .optional(),
  ZEGEL_SMS_CM_URL: z
    .string()
    .url()
    .regex(/^https:\/\//, 'must be https://')
    .default('https://gw.messaging.cm.com/v1.0/message'),
  ZEGEL_SMS_STATUS_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,128}$/, 'must be 32 to 128 URL-safe characters')
    .optional(),
  ZEGEL_RECEIPT_SHOW_NAMES: bool.default(false),
  ZEGEL_RECEIPT_SHOW_SUBJECT: bool.default(false),
  ZEGEL_RECEIPT_EVENTS: z
    .string()
    .default(RECEIPT_EVENTS.join(','))
    .transform((v) =>
      v.trim() === 'none'
        ? []
        : v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    )
    .refine((list) => list.every((e) => (RECEIPT_EVENTS as readonly string[]).includes(e)), {
      message: `must be a comma-separated list of ${RECEIPT_EVENTS.join(', ')} (or none)`,
    }),

  // Branding (server/src/branding): the first-start default; admins change it in the console.
  ZEGEL_ORG_NAME: z.string().min(1).max(120).default('Zegel'),
  ZEGEL_ORG_COLOUR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb')
    .default('#0f6cbd'),
  ZEGEL_ORG_LOGO_FILE: z.string().min(1).optional(),
  ZEGEL_ORG_SUPPORT_PHONE: z
    .string()
    .regex(/^\+?[0-9 ()-]{6,24}$/, 'must be a phone number')
    .optional(),
  ZEGEL_ORG_SUPPORT_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'must be http(s)://')
    .optional(),
  ZEGEL_NOTIFY_SHOW_SUBJECT: bool.default(false),
  ZEGEL_MAIL_FROM: z.string().min(3).default('Zegel <zegel@localhost>'),
  ZEGEL_OUTBOUND_MODE: z.enum(['capture', 'relay', 'direct', 'graph']).optional(),
  ZEGEL_RELAY_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be smtp://host:port or smtps://host:port')
    .optional(),
  ZEGEL_RELAY_REQUIRE_TLS: bool.default(true),

  ZEGEL_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  ZEGEL_SMTP_PORT: int(0, 65535).default(2525),
  ZEGEL_DNS_RESOLVER: hostPort.default('127.0.0.1:53'),
  ZEGEL_CA_FILE: z.string().min(1).optional(),
  ZEGEL_SMARTTLS_POLICY: z
    .enum(['dane-or-mta-sts', 'pkix', 'dane-only'])
    .default('dane-or-mta-sts'),

  // SMTP connector (server/src/connector): who may relay to Zegel and what it does with the mail.
  ZEGEL_SMTP_TLS_CERT_FILE: z.string().min(1).optional(),
  ZEGEL_SMTP_TLS_KEY_FILE: z.string().min(1).optional(),
  ZEGEL_SMTP_REQUIRE_TLS: bool.default(true),
  ZEGEL_SMTP_ALLOWED_IPS: z.string().default('127.0.0.1/8,::1/128'),
  ZEGEL_SMTP_CLIENT_CERT_SUBJECTS: z.string().default(''),
  ZEGEL_SMTP_CLIENT_CA_FILE: z.string().min(1).optional(),
  ZEGEL_SMTP_AUTH_USERS: z.string().default(''),
  ZEGEL_SMTP_AUTH_MAX_FAILURES: int(1, 1000).default(10),
  ZEGEL_SMTP_AUTH_LOCK_MINUTES: int(1, 10080).default(30),
  ZEGEL_SMTP_AUTH_DELAY_MS: int(0, 10_000).default(500),
  ZEGEL_SMTP_MAX_MESSAGE_BYTES: int(1024, 50 * 1024 ** 3).optional(),
  ZEGEL_SMTP_UNPROTECTED: z.enum(['refuse', 'relay']).default('refuse'),
  ZEGEL_SMTP_SMART_HOST_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be smtp://host:port or smtps://host:port')
    .optional(),
  ZEGEL_SMTP_UNCLASSIFIED: z.string().min(1).default('confidential'),

  // Secure delivery: routing, direct delivery to recipient MX hosts, retries, DKIM, job leases.
  ZEGEL_MX_PORT: int(1, 65535).default(25),
  ZEGEL_MTA_STS_PORT: int(1, 65535).default(443),
  ZEGEL_ROUTE_CHECK_TIMEOUT_MS: int(0, 60_000).default(3000),
  ZEGEL_DELIVERY_LIFETIME_DAYS: z.coerce.number().positive().max(30).default(5),
  ZEGEL_DELIVERY_RETRY_SECONDS: z.coerce.number().positive().max(3600).default(60),
  ZEGEL_DIRECT_FALLBACK_MINUTES: z.coerce.number().min(0).max(10080).default(60),
  ZEGEL_DKIM_DOMAIN: z.string().min(1).optional(),
  ZEGEL_DKIM_SELECTOR: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'must be a DNS label')
    .optional(),
  ZEGEL_DKIM_KEY_FILE: z.string().min(1).optional(),
  ZEGEL_JOB_LEASE_SECONDS: int(2, 3600).default(60),
  ZEGEL_RUN_JOBS: bool.default(true),
  // The job queue (server/src/queue): the database by default, or BullMQ on Redis.
  ZEGEL_QUEUE: z.enum(['database', 'bullmq']).default('database'),
  ZEGEL_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  ZEGEL_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only')
    .default('zegel'),

  // Blob store and key store (server/src/vault): the embedded default is local files for both.
  ZEGEL_BLOB_STORE: z.enum(['local', 'azure']).default('local'),
  ZEGEL_AZURE_STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
  ZEGEL_AZURE_STORAGE_ACCOUNT_URL: z.string().url().optional(),
  ZEGEL_AZURE_STORAGE_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be a valid Azure container name')
    .default('zegel-blobs'),
  ZEGEL_AZURE_BLOB_BLOCK_BYTES: int(64 * 1024, 100 * 1024 ** 2).default(4 * 1024 ** 2),
  ZEGEL_ORPHAN_SWEEP_MINUTES: int(0, 7 * 24 * 60).default(60),
  ZEGEL_ORPHAN_MIN_AGE_MINUTES: int(1, 30 * 24 * 60).default(360),
  ZEGEL_KEY_STORE: z.enum(['local', 'pkcs11', 'azure-key-vault']).default('local'),
  ZEGEL_PKCS11_LIBRARY: z.string().min(1).optional(),
  ZEGEL_PKCS11_TOKEN_LABEL: z.string().min(1).max(32).optional(),
  ZEGEL_PKCS11_PIN_FILE: z.string().min(1).optional(),
  ZEGEL_AZURE_KEY_VAULT_URL: z.string().url().optional(),
  ZEGEL_AZURE_KEY_VAULT_KEK_NAME: z
    .string()
    .regex(/^[0-9a-zA-Z-]{1,127}$/, 'must be a Key Vault key name')
    .default('zegel-kek'),
  ZEGEL_AZURE_KEY_VAULT_SIGNING_KEY_NAME: z
    .string()
    .regex(/^[0-9a-zA-Z-]{1,127}$/, 'must be a Key Vault key name')
    .default('zegel-evidence'),
  // Microsoft 365 (server/src/m365): msal-node On-Behalf-Of and app-only calls to Microsoft Graph.
  ZEGEL_M365_TENANT_ID: z.string().min(1).optional(),
  ZEGEL_M365_CLIENT_ID: z.string().min(1).optional(),
  ZEGEL_M365_CLIENT_CERT_FILE: z.string().min(1).optional(),
  ZEGEL_M365_CLIENT_KEY_FILE: z.string().min(1).optional(),
  ZEGEL_M365_CLIENT_SECRET: z.string().min(1).optional(),
  ZEGEL_M365_AUTHORITY_HOST: z
    .string()
    .regex(/^https:\/\/[^/\s]+$/, 'must be https://host[:port] without a path')
    .default('https://login.microsoftonline.com'),
  ZEGEL_GRAPH_URL: z
    .string()
    .regex(/^https:\/\/[^/\s]+\/[^\s]*[^/\s]$/, 'must be https://host/version, e.g. …/v1.0')
    .default('https://graph.microsoft.com/v1.0'),
  ZEGEL_GRAPH_INTAKE: bool.default(true),
  ZEGEL_GRAPH_INTAKE_MIN_BYTES: int(0, 50 * 1024 ** 3).default(10 * 1024 ** 2),
  ZEGEL_GRAPH_MAILBOX: z.string().min(3).optional(),
  // TLS reporting (RFC 8460) of direct deliveries (server/src/tlsrpt).
  ZEGEL_TLSRPT_ENABLED: bool.default(true),
  ZEGEL_TLSRPT_ORGANIZATION: z.string().min(1).max(200).optional(),
  ZEGEL_TLSRPT_INTERVAL_SECONDS: int(10, 86400).default(3600),

  // Webhooks for the SOC and workflows (server/src/webhooks).
  ZEGEL_WEBHOOK_TIMEOUT_MS: int(100, 120_000).default(10_000),
  ZEGEL_WEBHOOK_RETRY_BASE_MS: int(100, 3_600_000).default(5_000),
  ZEGEL_WEBHOOK_RETRY_HOURS: int(1, 720).default(72),
  ZEGEL_WEBHOOK_DISABLE_AFTER_DAYS: int(1, 365).default(5),
  ZEGEL_WEBHOOK_SECRET_GRACE_HOURS: int(0, 720).default(24),
  // Outbound connections made on a user's behalf (server/src/common/net/outbound-guard.ts).
  ZEGEL_PRIVATE_TARGETS_ALLOWED: z
    .string()
    .default('')
    .refine(
      (v) => v.split(',').every((item) => !item.trim() || parseCidr(item) !== null),
      'must be a comma-separated list of addresses or CIDR ranges, e.g. 127.0.0.0/8,::1/128',
    ),
} as const;

export type ConfigKey = keyof typeof CONFIG_SCHEMA;
