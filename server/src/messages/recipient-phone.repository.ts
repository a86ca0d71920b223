import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { selectEntities } from '../database/plain-select';
import { executeUpsert, placeholders } from '../database/sql.util';
import { RecipientPhoneEntity } from './recipient-phone.entity';

/** All SQL of the recipient register (address → phone number for the CE-ID by SMS). */
@Injectable()
export class RecipientPhoneRepository {
  constructor(private readonly db: DatabaseService) {}

  async phonesOf(addresses: string[]): Promise<Map<string, string>> {
    if (!addresses.length) return new Map();
    const rows = await selectEntities(
      this.db.manager,
      RecipientPhoneEntity,
      `address IN (${placeholders(addresses.length)})`,
      addresses,
    );
    return new Map(rows.map((r) => [r.address, r.phone]));
  }

  list(limit: number, after?: string): Promise<RecipientPhoneEntity[]> {
    const query = this.db.manager
      .createQueryBuilder(RecipientPhoneEntity, 'p')
      .orderBy('p.address', 'ASC')
      .take(limit);
    if (after) query.where('p.address > :after', { after });
    return query.getMany();
  }

  get(tx: EntityManager, address: string): Promise<RecipientPhoneEntity | null> {
    return tx.findOne(RecipientPhoneEntity, { where: { address } });
  }

  async put(tx: EntityManager, address: string, phone: string, by: string): Promise<void> {
    await executeUpsert(
      tx,
      tx
        .createQueryBuilder()
        .insert()
        .into(RecipientPhoneEntity)
        .values({ address, phone, updatedAt: new Date(), updatedBy: by })
        .orUpdate(['phone', 'updatedAt', 'updatedBy'], ['address']),
    );
  }

  async remove(tx: EntityManager, address: string): Promise<boolean> {
    const r = await tx.delete(RecipientPhoneEntity, { address });
    return (r.affected ?? 0) > 0;
  }
}
