import { Module } from '@nestjs/common';
import { MailFlowModule } from '../mail-flow/mail-flow.module';
import { ExchangeController } from './exchange.controller';

@Module({ imports: [MailFlowModule], controllers: [ExchangeController] })
export class ExchangeModule {}
