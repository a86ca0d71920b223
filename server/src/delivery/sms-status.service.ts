import { Injectable, Logger } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { RecipientRepository } from '../messages/recipient.repository';
import { cmDeliveryStatus } from './cm-sms.adapter';

/** What the SMS provider later reports about a CE-ID text: on the copy, and as evidence. */
@Injectable()
export class SmsStatusService {
  private readonly logger = new Logger('sms');

  constructor(
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
    private readonly recipients: RecipientRepository,
  ) {}

  async record(reference: string, code: string | number): Promise<void> {
    const status = cmDeliveryStatus(code);
    if (!status) return;
    await this.db.transaction(async (tx) => {
      const copies = await this.recipients.updateSmsStatus(tx, reference, status);
      if (!copies.length) this.logger.log({ reference }, 'delivery report changed nothing');
      if (status !== 'delivered' && status !== 'failed' && status !== 'rejected') return;
      for (const copy of copies) {
        await this.evidence.record(tx, {
          type: status === 'delivered' ? 'NotificationDelivered' : 'ConsignmentNotificationFailure',
          messageId: copy.messageId,
          recipient: copy.address,
          actor: 'system',
          reason:
            status === 'delivered'
              ? 'the text with the CE-ID reached the recipient’s phone'
              : `the text with the CE-ID was not delivered (${status}); the sender can issue a new code`,
        });
      }
    });
  }
}
