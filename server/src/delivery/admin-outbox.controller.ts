import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { RequireRole } from '../auth/require-role.decorator';
import { ZegelError } from '../common/zegel-error';
import type { OutboxMailView } from '@zegel/shared';
import { OutboxService, type OutboxEntry } from './outbox.service';
import { OutboxSmsProvider, SmsProvider, type CapturedSms } from './sms-provider';

/** The local outboxes of the embedded default, for the admin page. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin')
export class AdminOutboxController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly sms: SmsProvider,
  ) {}

  @Get('outbox')
  @ApiOperation({
    summary: 'Mails captured by the local outbox (ZEGEL_OUTBOUND_MODE=capture), newest first',
  })
  list(): Promise<OutboxEntry[]> {
    return this.outbox.list();
  }

  @Get('outbox/:id/view')
  @ApiOperation({
    summary: 'One captured mail read for people: decoded headers, text, attachment names',
  })
  view(@Param('id') id: string): Promise<OutboxMailView> {
    return this.outbox.view(id);
  }

  @Get('outbox/:id')
  @ApiOperation({ summary: 'One captured mail, raw (RFC 5322)' })
  async one(@Param('id') id: string, @Res() res: Response): Promise<void> {
    if (!(await this.outbox.exists(id)))
      throw new ZegelError('NOT_FOUND', 'No such mail in the outbox.');
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    await pipeline(this.outbox.open(id), res);
  }

  @Get('sms-outbox')
  @ApiOperation({ summary: 'Texts captured by the development SMS provider, newest first' })
  smsOutbox(): Promise<CapturedSms[]> {
    if (!(this.sms instanceof OutboxSmsProvider)) return Promise.resolve([]);
    return this.sms.list();
  }
}
