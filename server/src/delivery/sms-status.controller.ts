import { All, Body, Controller, HttpCode, Param, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../common/public.decorator';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { SmsStatusService } from './sms-status.service';

/** CM.com posts a report as JSON (`messages.msg`), or calls with query parameters. */
interface CmReport {
  reference?: string;
  status?: { code?: string | number };
  statuscode?: string | number;
}

const NOT_FOUND = () => new ZegelError('NOT_FOUND', 'No such resource.');

/**
 * Delivery reports from the SMS provider. Public (the provider has no token of ours) but behind a
 * secret path segment (ZEGEL_SMS_STATUS_TOKEN); without it configured the route does not exist.
 */
@ApiExcludeController()
@Public()
@Controller('api/v1/sms/status')
export class SmsStatusController {
  constructor(
    private readonly config: ZegelConfig,
    private readonly reports: SmsStatusService,
  ) {}

  @All(':token')
  @HttpCode(200)
  async report(
    @Param('token') token: string,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<{ ok: true }> {
    const expected = this.config.notify.sms.statusToken;
    if (!expected || !sameSecret(token, expected)) throw NOT_FOUND();
    if (req.method !== 'GET' && req.method !== 'POST') throw NOT_FOUND();
    const msg = (body as { messages?: { msg?: CmReport | CmReport[] } } | undefined)?.messages?.msg;
    const reports: CmReport[] = msg ? (Array.isArray(msg) ? msg : [msg]) : [query as CmReport];
    for (const r of reports) {
      const code = r.status?.code ?? r.statuscode;
      if (typeof r.reference === 'string' && r.reference.length <= 64 && code !== undefined) {
        await this.reports.record(r.reference, code);
      }
    }
    return { ok: true };
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
