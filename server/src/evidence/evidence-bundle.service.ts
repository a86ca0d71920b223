import { algorithmOf } from '../vault/key-store';
import { Injectable } from '@nestjs/common';
import { etsiEventOf, reasonCodeOf } from './etsi-events';
import { EvidenceLogService } from './evidence-log.service';
import { EvidenceService } from './evidence.service';
import { BUNDLE_FORMAT, type EvidenceBundle } from './verifier/bundle';

/** One message's evidence with everything a third party needs to check it offline. */
@Injectable()
export class EvidenceBundleService {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly log: EvidenceLogService,
  ) {}

  /** The caller has already checked that the requester may see this message. */
  async export(messageId: string): Promise<EvidenceBundle> {
    const events = await this.evidence.forMessage(messageId);
    const treeHead = await this.log.latestHead();
    const inclusion: EvidenceBundle['inclusion'] = [];
    for (const event of events) {
      if (!treeHead || event.leafIndex == null || event.leafIndex >= treeHead.treeSize) continue;
      inclusion.push({
        eventId: event.id,
        leafIndex: event.leafIndex,
        path: await this.log.inclusionProof(event.leafIndex, treeHead.treeSize),
      });
    }
    const digests: Record<string, string> = {};
    for (const event of events) Object.assign(digests, event.digests);
    return {
      format: BUNDLE_FORMAT,
      version: 1,
      messageId,
      exportedAt: new Date().toISOString(),
      // Every published key, so events signed before a signing-key rotation verify too.
      keys: [...this.evidence.publishedKeys].map(([kid, key]) => ({
        kid,
        alg: algorithmOf(key),
        jwk: key.export({ format: 'jwk' }) as Record<string, unknown>,
      })),
      // Derived from the signed fields by the published table (docs/evidence.md), not signed.
      events: events.map((e) => ({
        ...e,
        etsiEvent: etsiEventOf(e.type).uri,
        reasonCode: reasonCodeOf(e),
      })),
      treeHead,
      inclusion,
      digests,
    };
  }
}
