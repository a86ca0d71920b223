import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PreflightRequest, PreflightResponse, SmsCodeSetting } from '@zegel/shared';
import { z } from 'zod';
import { ZegelError } from '../../common/zegel-error';
import { type CeIdChannelSetting, ZegelConfig } from '../../config/config';
import { RecipientRouter } from './recipient-router.service';

const ADDRESS = /^[^\s@]+@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

/** What will happen to each recipient and why, answered within the time a person waits. */
@ApiTags('policy')
@ApiBearerAuth()
@Controller('api/v1/policy')
export class PreflightController {
  constructor(
    private readonly config: ZegelConfig,
    private readonly router: RecipientRouter,
  ) {}

  @Post('preflight')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Route per recipient (direct, pickup, hold) with reasons, before sending',
    description:
      'Answered from the SmartTLS cache; a domain not yet checked is checked for at most ZEGEL_ROUTE_CHECK_TIMEOUT_MS and meanwhile gets the pickup route with `pending: true`.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['classification', 'recipients'],
      properties: {
        classification: { type: 'string', example: 'confidential' },
        recipients: { type: 'array', items: { type: 'string' }, example: ['jan@zorg.nl'] },
      },
    },
  })
  async preflight(@Body() body: unknown): Promise<PreflightResponse> {
    const request = parse(body, this.config.limits.maxRecipients);
    const recipients = await this.router.plan(request.classification, request.recipients);
    return {
      classification: request.classification,
      recipients: recipients.map((r) => ({
        address: r.address,
        route: r.route,
        reasons: r.reasons,
        verdict: r.verdict,
      })),
      pending: recipients.some((r) => r.verdict === 'pending'),
      smsCode: SMS_CODE[this.config.notify.ceIdChannel],
    };
  }
}

const SMS_CODE: Record<CeIdChannelSetting, SmsCodeSetting> = {
  sender: 'off',
  'sms-or-sender': 'optional',
  sms: 'required',
};

function parse(body: unknown, maxRecipients: number): PreflightRequest {
  const result = z
    .object({
      classification: z.string().min(1).max(64),
      recipients: z
        .array(z.string().max(254).regex(ADDRESS, 'is not an e-mail address'))
        .min(1, 'needs at least one recipient')
        .max(maxRecipients, `may hold at most ${maxRecipients} recipients`),
    })
    .strict()
    .safeParse(body);
  if (!result.success) {
    throw new ZegelError(
      'VALIDATION_FAILED',
      'The preflight request is not valid.',
      result.error.issues.map((i) => ({
        path: i.path.join('.') || '(request)',
        message: i.message,
      })),
    );
  }
  return {
    classification: result.data.classification,
    recipients: [...new Set(result.data.recipients.map((a) => a.toLowerCase()))],
  };
}
