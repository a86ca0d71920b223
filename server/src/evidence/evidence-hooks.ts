import { Injectable } from '@nestjs/common';
import type { EvidenceEventView } from '@zegel/shared';
import type { EntityManager } from 'typeorm';

/** Runs inside the transaction that appends `event`; a throw rolls the event back too. */
export type EvidenceAppendHook = (tx: EntityManager, event: EvidenceEventView) => Promise<void>;

/**
 * Work that must commit exactly when an evidence event does (the webhook outbox). Modules above
 * evidence register here, so the evidence module never imports them.
 */
@Injectable()
export class EvidenceHooks {
  private readonly hooks: EvidenceAppendHook[] = [];

  onAppend(hook: EvidenceAppendHook): void {
    this.hooks.push(hook);
  }

  async appended(tx: EntityManager, event: EvidenceEventView): Promise<void> {
    for (const hook of this.hooks) await hook(tx, event);
  }
}
