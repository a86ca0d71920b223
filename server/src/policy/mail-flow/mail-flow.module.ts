import { Module } from '@nestjs/common';
import { MailFlowController } from './mail-flow.controller';
import { MailFlowService } from './mail-flow.service';

@Module({
  controllers: [MailFlowController],
  providers: [MailFlowService],
  exports: [MailFlowService],
})
export class MailFlowModule {}
