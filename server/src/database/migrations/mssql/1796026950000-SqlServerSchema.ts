import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema on SQL Server, as the PostgreSQL and SQLite migrations up to
 * SealedWebhookSecrets leave it (same tables, columns, lengths, keys and index names), in T-SQL:
 * - text columns are nvarchar with a binary collation (Latin1_General_100_BIN2), so comparisons
 *   and unique keys are case- and accent-sensitive as on the other engines (token hashes, ids);
 * - `text` is nvarchar(max), `boolean` bit, the evidence log's `seq` an IDENTITY;
 * - a unique index over a nullable column is filtered to non-NULL rows (SQL Server would otherwise
 *   allow one NULL, PostgreSQL any number).
 * Later schema changes get migrations of their own here, beside those of the other engines.
 */
export class SqlServerSchema1796026950000 implements MigrationInterface {
  name = 'SqlServerSchema1796026950000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of SCHEMA) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}

const TABLES = [
  'classifications',
  'evidence_chain_heads',
  'evidence_events',
  'evidence_tree_heads',
  'job_outbox',
  'jobs',
  'leader_locks',
  'mail_flow_rules',
  'message_keys',
  'message_parts',
  'message_replies',
  'messages',
  'org_policy',
  'organisation_settings',
  'pickup_ip_failures',
  'pickup_sessions',
  'recipient_phones',
  'recipients',
  'tlsrpt_counts',
  'tlsrpt_reports',
  'webhook_deliveries',
  'webhook_endpoints',
];

const SCHEMA = [
  `CREATE TABLE "classifications" (
    "id" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "position" int NOT NULL,
    "label" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "description" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "colour" nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "purviewLabelId" nvarchar(36) COLLATE Latin1_General_100_BIN2 NULL,
    "routeAs" nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "builtIn" bit NOT NULL,
    "version" int NOT NULL,
    "updatedAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "updatedBy" nvarchar(330) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT "PK_58d976e264f75fc0ea006718856" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "evidence_chain_heads" (
    "chain" nvarchar(48) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "length" int NOT NULL,
    "hash" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT "PK_899995c6630fb73b805c4e8779b" PRIMARY KEY ("chain")
  )`,
  `CREATE TABLE "evidence_events" (
    "seq" int IDENTITY(1,1) NOT NULL,
    "id" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "type" nvarchar(48) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "time" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "messageId" nvarchar(36) COLLATE Latin1_General_100_BIN2 NULL,
    "recipient" nvarchar(320) COLLATE Latin1_General_100_BIN2 NULL,
    "actor" nvarchar(340) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "ip" nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
    "digests" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "reason" nvarchar(1000) COLLATE Latin1_General_100_BIN2 NULL,
    "prevHash" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "hash" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "signature" nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "keyId" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "details" nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    "format" int CONSTRAINT "DF_evidence_events_format" DEFAULT 1 NOT NULL,
    "chainSeq" int NULL,
    "leafIndex" int NULL,
    CONSTRAINT "PK_9e9d8ed796f2d7d19e3f6bf1e23" PRIMARY KEY ("seq")
  )`,
  `CREATE TABLE "evidence_tree_heads" (
    "treeSize" int NOT NULL,
    "rootHash" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "time" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "signature" nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "keyId" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "timestampToken" nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT "PK_0ae344f496b3b02197fee203511" PRIMARY KEY ("treeSize")
  )`,
  `CREATE TABLE "job_outbox" (
    "id" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "jobId" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "createdAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT "PK_c3ba45dab51e3016acef18d0433" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "jobs" (
    "id" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "type" nvarchar(48) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "payload" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "state" nvarchar(8) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "runAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "attempts" int CONSTRAINT "DF_jobs_attempts" DEFAULT 0 NOT NULL,
    "leaseUntil" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    "leaseOwner" nvarchar(36) COLLATE Latin1_General_100_BIN2 NULL,
    "lastError" nvarchar(1000) COLLATE Latin1_General_100_BIN2 NULL,
    "createdAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "effects" nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "leader_locks" (
    "name" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "owner" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "until" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT "PK_736e68c66f84ffe3d482045c48d" PRIMARY KEY ("name")
  )`,
  `CREATE TABLE "mail_flow_rules" (
    "id" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "name" nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "position" int NOT NULL,
    "enabled" bit NOT NULL,
    "conditions" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "classification" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "createdAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "updatedAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "version" int CONSTRAINT "DF_mail_flow_rules_version" DEFAULT 1 NOT NULL,
    CONSTRAINT "PK_6bb6bb15378bba6710ce6ce4a6c" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "message_keys" (
    "messageId" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "wrapped" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT "PK_b69911a68d8866f5c6024a36647" PRIMARY KEY ("messageId")
  )`,
  `CREATE TABLE "message_parts" (
    "id" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "messageId" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "kind" nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "index" int NOT NULL,
    "size" bigint NOT NULL,
    "sha256" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "contentType" nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "blobId" nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT "PK_8c2fdff3e365a573c892860560a" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "message_replies" (
    "id" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "messageId" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "recipientId" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "createdAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "state" nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "wrappedKey" nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    "sealedMeta" nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    "parts" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "textSha256" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "deliveredAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT "PK_6b6a26b5b288b9d77a7bea062c4" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "messages" (
    "id" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "sender" nvarchar(320) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "classification" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "entry" nvarchar(8) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "createdAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "expiresAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "sealedMeta" nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    "htmlSha256" nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
    "textSha256" nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
    "totalBytes" bigint NOT NULL,
    "contentState" nvarchar(8) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "contentDeletedAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    "ownerId" nvarchar(400) COLLATE Latin1_General_100_BIN2 NULL,
    "contentDueAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    "allowReplies" bit CONSTRAINT "DF_messages_allowReplies" DEFAULT 1 NOT NULL,
    CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "org_policy" (
    "id" nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "settings" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "updatedAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "updatedBy" nvarchar(320) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT "PK_808b613c74b8ca5f0ef287f1186" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "organisation_settings" (
    "key" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "version" int NOT NULL,
    "value" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "updatedAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "updatedBy" nvarchar(340) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT "PK_77d3aca636e58935b903e73c03a" PRIMARY KEY ("key")
  )`,
  `CREATE TABLE "pickup_ip_failures" (
    "ip" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "failures" int NOT NULL,
    "windowStart" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "blockedUntil" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT "PK_515bd9fd52a144bf92aa8923afc" PRIMARY KEY ("ip")
  )`,
  `CREATE TABLE "pickup_sessions" (
    "id" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "recipientId" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "expiresAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT "PK_a25bfaf64e6299739edb42f460c" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "recipient_phones" (
    "address" nvarchar(320) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "phone" nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "updatedAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "updatedBy" nvarchar(340) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT "PK_44159e227d4a91ac9a018da217a" PRIMARY KEY ("address")
  )`,
  `CREATE TABLE "recipients" (
    "id" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "messageId" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "address" nvarchar(320) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "phone" nvarchar(32) COLLATE Latin1_General_100_BIN2 NULL,
    "route" nvarchar(8) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "ceIdChannel" nvarchar(8) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "tokenHash" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "ceIdHash" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "state" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "failedAttempts" int CONSTRAINT "DF_recipients_failedAttempts" DEFAULT 0 NOT NULL,
    "updatedAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "handedOverAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    "retainUntil" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    "lostCodeAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    "smsReference" nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
    "smsStatus" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT "PK_de8fc5a9c364568f294798fe1e9" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "tlsrpt_counts" (
    "id" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "day" nvarchar(10) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "policyDomain" nvarchar(253) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "policyType" nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "policyStrings" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "mxHosts" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "mxHost" nvarchar(253) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "receivingIp" nvarchar(45) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "resultType" nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "count" int NOT NULL,
    CONSTRAINT "PK_53fbda89e99c2ae97b50e080dc9" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "tlsrpt_reports" (
    "id" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "day" nvarchar(10) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "policyDomain" nvarchar(253) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "reportId" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "state" nvarchar(8) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "detail" nvarchar(1000) COLLATE Latin1_General_100_BIN2 NULL,
    "createdAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT "PK_146327839c33e4ff1a7b978452b" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "webhook_deliveries" (
    "id" nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "endpointId" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "eventId" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "eventType" nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "body" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "state" nvarchar(12) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "attempts" int CONSTRAINT "DF_webhook_deliveries_attempts" DEFAULT 0 NOT NULL,
    "lastStatus" int NULL,
    "lastError" nvarchar(1000) COLLATE Latin1_General_100_BIN2 NULL,
    "lastAttemptAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    "deliveredAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    "createdAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "webhook_endpoints" (
    "id" nvarchar(36) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "url" nvarchar(2048) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "description" nvarchar(200) COLLATE Latin1_General_100_BIN2 CONSTRAINT "DF_webhook_endpoints_description" DEFAULT N'' NOT NULL,
    "eventTypes" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "secret" nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "allowedPrivateTargets" nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "enabled" bit NOT NULL,
    "disabledReason" nvarchar(500) COLLATE Latin1_General_100_BIN2 NULL,
    "failingSince" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    "createdAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "updatedAt" nvarchar(24) COLLATE Latin1_General_100_BIN2 NOT NULL,
    "sealedSecret" nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    "secretKey" nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    "previousSealedSecret" nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    "previousSecretKey" nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    "previousSecretUntil" nvarchar(24) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id")
  )`,
  `CREATE INDEX "IDX_08077575f74943282264547726" ON "message_replies" ("recipientId")`,
  `CREATE INDEX "IDX_17a20046d7686c01241aa84e46" ON "recipients" ("address")`,
  `CREATE INDEX "IDX_1b9646b652eef8636f6501a86f" ON "messages" ("expiresAt")`,
  `CREATE INDEX "IDX_1de90a97cf5fb3b2d21b633602" ON "recipients" ("messageId")`,
  `CREATE INDEX "IDX_24b0b00556e38e3b2237e13889" ON "mail_flow_rules" ("position")`,
  `CREATE INDEX "IDX_25caf6231aded58eafb019b351" ON "pickup_sessions" ("expiresAt")`,
  `CREATE INDEX "IDX_2cad91b494f437b6a56252ce7b" ON "messages" ("classification")`,
  `CREATE INDEX "IDX_2cd06ec429d84e9470498a9f6e" ON "message_replies" ("messageId")`,
  `CREATE INDEX "IDX_46fe35b96ff5a9db012ffaf783" ON "recipients" ("state")`,
  `CREATE INDEX "IDX_6ce6acdb0801254590f8a78c08" ON "messages" ("createdAt")`,
  `CREATE INDEX "IDX_6e70938b547ef30095f2b35c53" ON "messages" ("contentDueAt")`,
  `CREATE INDEX "IDX_7f0fba74ea1d7c20a6c8096695" ON "messages" ("contentState")`,
  `CREATE UNIQUE INDEX "IDX_8292ef0bc707397b1293647a4e" ON "evidence_events" ("id")`,
  `CREATE UNIQUE INDEX "IDX_8d02da1712b03a95882941fc51" ON "message_parts" ("messageId", "kind", "index")`,
  `CREATE INDEX "IDX_a4390e170e6735b92bba9d5511" ON "webhook_deliveries" ("endpointId", "createdAt")`,
  `CREATE INDEX "IDX_a8c2e5f62098dca0ff4aa22887" ON "evidence_events" ("messageId")`,
  `CREATE INDEX "IDX_c0c32e93169289f2d7d9e44d0a" ON "recipients" ("smsReference")`,
  `CREATE INDEX "IDX_cf803e7bc9c4823b6ab03de6c1" ON "messages" ("ownerId")`,
  `CREATE INDEX "IDX_d9d0bd71c81071d964325bfb0b" ON "jobs" ("state", "runAt")`,
  `CREATE UNIQUE INDEX "IDX_dab69c3dbd7a7b94e4072a0930" ON "evidence_events" ("leafIndex") WHERE "leafIndex" IS NOT NULL`,
  `CREATE INDEX "IDX_dcc59391a68382cc06545af823" ON "tlsrpt_counts" ("day", "policyDomain")`,
  `CREATE INDEX "IDX_e099a4a671310c16076df8b1a1" ON "pickup_sessions" ("recipientId")`,
  `CREATE UNIQUE INDEX "IDX_ecc3a3872b887955b620502236" ON "recipients" ("tokenHash")`,
  `CREATE INDEX "IDX_fc6f083269edb7a7798cdf13b0" ON "messages" ("sender")`,
];
