import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { VaultModule } from '../vault/vault.module';
import { M365Module } from './m365.module';
import { GraphIntakeController } from './graph-intake.controller';
import { GraphIntakeService } from './graph-intake.service';

/** Send registered from a saved draft that Zegel fetches through Graph on the user's behalf. */
@Module({
  imports: [MessagesModule, VaultModule, M365Module],
  controllers: [GraphIntakeController],
  providers: [GraphIntakeService],
})
export class GraphIntakeModule {}
