import { Module } from '@nestjs/common';
import { TlsRptRepository } from './tlsrpt.repository';
import { TlsRptService } from './tlsrpt.service';

/**
 * TLS reporting (RFC 8460). Its mail goes out through the MailTransport that the (global)
 * delivery module provides; the delivery job calls `record` after each direct session.
 */
@Module({
  providers: [TlsRptRepository, TlsRptService],
  exports: [TlsRptService],
})
export class TlsRptModule {}
