import { Injectable } from '@nestjs/common';
import { ZegelError } from '../common/zegel-error';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { RecipientPhoneRepository } from './recipient-phone.repository';

/** Changes to the recipient register; each is a configuration change with its before and after. */
@Injectable()
export class RecipientRegister {
  constructor(
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
    private readonly phones: RecipientPhoneRepository,
  ) {}

  set(address: string, phone: string, actor: string, ip: string | null): Promise<void> {
    return this.db.transaction(async (tx) => {
      const before = await this.phones.get(tx, address);
      if (before?.phone === phone) return;
      await this.phones.put(tx, address, phone, actor);
      await this.evidence.recordConfigurationChange(tx, {
        actor,
        action: 'recipient-phone.set',
        target: `recipient-phone/${address}`,
        before: before ? { phone: before.phone } : null,
        after: { phone },
        ip,
      });
    });
  }

  remove(address: string, actor: string, ip: string | null): Promise<void> {
    return this.db.transaction(async (tx) => {
      const before = await this.phones.get(tx, address);
      if (!before || !(await this.phones.remove(tx, address)))
        throw new ZegelError('NOT_FOUND', 'No such address in the register.');
      await this.evidence.recordConfigurationChange(tx, {
        actor,
        action: 'recipient-phone.remove',
        target: `recipient-phone/${address}`,
        before: { phone: before.phone },
        after: null,
        ip,
      });
    });
  }
}
