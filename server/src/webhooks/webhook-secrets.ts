import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { VaultService } from '../vault/vault.service';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { WebhookRepository } from './webhook.repository';

/** The AAD context: a sealed secret copied to another endpoint does not open. */
const context = (endpointId: string) => `webhook/${endpointId}/secret`;

/**
 * Webhook signing secrets at rest: each sealed under its own data key, which the key store wraps
 * (as message content is), so the database alone never reveals a secret.
 *
 * Rows written before sealing hold the secret in plain text (`secretKey` null). A migration cannot
 * reach the key store, so those are sealed at startup, and on first use should one slip past.
 */
@Injectable()
export class WebhookSecrets implements OnApplicationBootstrap {
  private readonly logger = new Logger('webhooks');

  constructor(
    private readonly vault: VaultService,
    private readonly webhooks: WebhookRepository,
  ) {}

  /** The column values that hold `secret` for endpoint `endpointId`. */
  async seal(
    endpointId: string,
    secret: string,
  ): Promise<{ secret: ''; sealedSecret: string; secretKey: string }> {
    const { key, wrapped } = await this.vault.createDataKey();
    try {
      const sealedSecret = this.vault.seal(key, secret, context(endpointId));
      return { secret: '', sealedSecret, secretKey: wrapped };
    } finally {
      key.fill(0);
    }
  }

  /** The plain secret of an endpoint, for signing; a legacy plain one is sealed on the way. */
  async openForUse(endpoint: WebhookEndpointEntity): Promise<string> {
    if (endpoint.secretKey === null) await this.sealLegacy(endpoint);
    return this.open(endpoint);
  }

  /** The plain secret of an endpoint (writes nothing, so it is safe inside a transaction). */
  async open(endpoint: WebhookEndpointEntity): Promise<string> {
    if (endpoint.secretKey === null || endpoint.sealedSecret === null) return endpoint.secret;
    const key = await this.vault.openDataKey(endpoint.secretKey);
    try {
      return this.vault.open(key, endpoint.sealedSecret, context(endpoint.id)).toString('utf8');
    } finally {
      key.fill(0);
    }
  }

  /**
   * The secrets a delivery at `now` is signed with: the current one, and during the grace period
   * after a rotation the one before it too (Standard Webhooks sends both signatures).
   */
  async signingSecrets(endpoint: WebhookEndpointEntity, now: Date): Promise<string[]> {
    const current = await this.openForUse(endpoint);
    const { previousSealedSecret: sealed, previousSecretKey: wrapped } = endpoint;
    const until = endpoint.previousSecretUntil;
    if (!sealed || !wrapped || !until || until.getTime() <= now.getTime()) return [current];
    const key = await this.vault.openDataKey(wrapped);
    try {
      return [current, this.vault.open(key, sealed, context(endpoint.id)).toString('utf8')];
    } finally {
      key.fill(0);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    let sealed = 0;
    for (const row of await this.webhooks.withPlainSecret())
      if (await this.sealLegacy(row)) sealed++;
    if (sealed) this.logger.log(`sealed ${sealed} webhook secret(s) stored in plain text`);
  }

  /** Seals one legacy row; false when another writer changed it first. */
  private async sealLegacy(row: WebhookEndpointEntity): Promise<boolean> {
    const sealed = await this.seal(row.id, row.secret);
    return this.webhooks.sealSecret(row.id, row.secret, sealed);
  }
}
