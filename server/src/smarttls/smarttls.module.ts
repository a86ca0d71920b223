import { Module } from '@nestjs/common';
import { SmartTlsController } from './smarttls.controller';
import { SmartTlsService } from './smarttls.service';

/** SmartTLS: the domain check, its API route, and the TLS requirements delivery must enforce. */
@Module({
  controllers: [SmartTlsController],
  providers: [SmartTlsService],
  exports: [SmartTlsService],
})
export class SmartTlsModule {}
