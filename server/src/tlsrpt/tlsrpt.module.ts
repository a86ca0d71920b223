import { Module } from '@nestjs/common';
import { OutboundMailModule } from '../delivery/outbound-mail.module';
import { TlsRptRepository } from './tlsrpt.repository';
import { TlsRptService } from './tlsrpt.service';

/**
 * TLS reporting (RFC 8460). Its mail goes out through Zegel's outbound mail; the delivery job
 * calls `record` after each direct session.
 */
@Module({
  imports: [OutboundMailModule],
  providers: [TlsRptRepository, TlsRptService],
  exports: [TlsRptService],
})
export class TlsRptModule {}
