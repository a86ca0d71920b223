import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { VaultModule } from '../vault/vault.module';
import { CeIdSecrets } from './ceid-secrets.service';
import { ContentService } from './content.service';
import { MessageReplyRepository } from './message-reply.repository';
import { MessageRepository } from './message.repository';
import { ReadableContentCache } from './readable-content.cache';
import { RecipientRepository } from './recipient.repository';

/**
 * The message lifecycle's core: the repositories that own message and recipient state, the
 * content (read and destroy) and the CE-ID secrets. Intake, pickup, delivery and retention sit on
 * top of it; it knows none of them.
 */
@Module({
  imports: [VaultModule, EvidenceModule],
  providers: [
    MessageRepository,
    MessageReplyRepository,
    RecipientRepository,
    ContentService,
    CeIdSecrets,
    ReadableContentCache,
  ],
  exports: [
    MessageRepository,
    MessageReplyRepository,
    RecipientRepository,
    ContentService,
    CeIdSecrets,
    ReadableContentCache,
  ],
})
export class MessagesCoreModule {}
