import { Injectable, Logger } from '@nestjs/common';
import type { ErrorCode } from '@zegel/shared';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import type { EntryPoint } from './message.entity';

/**
 * Errors that refuse a submission for good. Temporary answers (rate limits, an unavailable store,
 * our own failures) are not refusals: the sender tries again, and they are logged, not evidence.
 */
const REFUSING: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_PARTS',
  'UNSUPPORTED_MEDIA_TYPE',
  'CLASSIFICATION_NOT_HANDLED',
  'ATTACHMENT_UNREADABLE',
]);

export const refusesSubmission = (code: ErrorCode): boolean => REFUSING.has(code);

export interface SubmissionRefusal {
  /** Where it was refused: an entry point, or the add-in's send check before anything was sent. */
  entry: EntryPoint | 'send-check';
  /** The signed-in user (API) or the envelope sender (SMTP). */
  sender: string;
  ip: string | null;
  /** The API error code, the SMTP reply code, or the send check's reason. */
  code: string;
  reason: string;
}

/**
 * Records SubmissionRejection (ETSI EN 319 522) for a submission Zegel refused. Nothing was stored,
 * so the event concerns no message; it names the sender, the entry point, the code and the reason.
 */
@Injectable()
export class SubmissionRejections {
  private readonly logger = new Logger('intake');

  constructor(
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
  ) {}

  /** Never throws: the sender gets the refusal whether or not its record could be written. */
  async record(refusal: SubmissionRefusal): Promise<void> {
    try {
      await this.db.transaction((tx) =>
        this.evidence.record(tx, {
          type: 'SubmissionRejection',
          messageId: null,
          actor: `sender:${refusal.sender.slice(0, 320)}`,
          ip: refusal.ip,
          reason: `${refusal.code}: ${refusal.reason}`.slice(0, 1000),
          details: { entry: refusal.entry, code: refusal.code },
        }),
      );
    } catch (error) {
      this.logger.error(
        { err: (error as Error).message, entry: refusal.entry },
        'could not record a refused submission as evidence',
      );
    }
  }
}
