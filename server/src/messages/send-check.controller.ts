import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  SEND_CHECK_REFUSAL_REASONS,
  type SendCheckRefusalReason,
  type SendCheckRefusalReport,
  type SendCheckSettings,
} from '@zegel/shared';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ownerIdOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ZegelError } from '../common/zegel-error';
import { OrgPolicyService } from '../policy/org-policy/org-policy.service';
import { SubmissionRejections } from './submission-rejections.service';

const EXPLANATION: Record<SendCheckRefusalReason, string> = {
  ALREADY_SENT: 'the draft was already sent registered',
  HEADER_NOT_PERSISTED: 'the chosen classification label was not saved with the mail',
  UNLABELLED_EXTERNAL:
    'a mail without a classification label to recipients outside the organisation',
};

/**
 * Reports per signed-in user in a window. Each report is a signed evidence event, so one user (or
 * a stolen token) must not be able to flood the log; a person whose sends Outlook refuses thirty
 * times in ten minutes is far past what the check is for. Counted per process: with N instances
 * the bound is N times this, still a bound.
 */
const REPORTS_PER_WINDOW = 30;
const WINDOW_SECONDS = 600;

/** The add-in's send check reports the sends it refused; each becomes SubmissionRejection. */
@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/v1/send-check')
export class SendCheckController {
  private readonly limiter = new RateLimiterMemory({
    keyPrefix: 'send-check-refusals',
    points: REPORTS_PER_WINDOW,
    duration: WINDOW_SECONDS,
  });

  constructor(
    private readonly rejections: SubmissionRejections,
    private readonly policies: OrgPolicyService,
  ) {}

  @Get('settings')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: "What Outlook's send check needs from the organisation policy",
    description:
      'The internal domains of the organisation policy (admin console, Policy): recipients there count as inside the organisation, so an unlabelled mail to them is not stopped. Any signed-in user may read it.',
  })
  async settings(): Promise<SendCheckSettings> {
    return { internalDomains: (await this.policies.get()).internalDomains };
  }

  @Post('refusals')
  @HttpCode(204)
  @ApiOperation({
    summary: "Record that Outlook's send check (Smart Alerts) refused a send",
    description:
      'Called by the add-in when it blocks a send. Recorded as SubmissionRejection evidence with `details.entry` `send-check`, the reason as `details.code`, and the signed-in user as the sender. At most 30 reports per user in 10 minutes; more are refused with 429 RATE_LIMITED and Retry-After, and recorded nowhere.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['reason', 'externalRecipients'],
      properties: {
        reason: { type: 'string', enum: [...SEND_CHECK_REFUSAL_REASONS] },
        externalRecipients: { type: 'integer', minimum: 0 },
      },
    },
  })
  async refused(
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<void> {
    const report = parseReport(body);
    try {
      await this.limiter.consume(ownerIdOf(user));
    } catch (rejected) {
      if (!(rejected instanceof RateLimiterRes)) throw rejected;
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(rejected.msBeforeNext / 1000))));
      throw new ZegelError(
        'RATE_LIMITED',
        'Too many send-check reports from this user; try again later.',
      );
    }
    await this.rejections.record({
      entry: 'send-check',
      sender: user.email,
      ip: req.ip ?? null,
      code: report.reason,
      reason:
        report.reason === 'UNLABELLED_EXTERNAL'
          ? `${EXPLANATION[report.reason]} (${report.externalRecipients})`
          : EXPLANATION[report.reason],
    });
  }
}

function parseReport(body: unknown): SendCheckRefusalReport {
  const b = (body ?? {}) as Partial<SendCheckRefusalReport>;
  const details: { path: string; message: string }[] = [];
  if (!SEND_CHECK_REFUSAL_REASONS.includes(b.reason as SendCheckRefusalReason))
    details.push({ path: 'reason', message: `one of ${SEND_CHECK_REFUSAL_REASONS.join(', ')}` });
  const n = b.externalRecipients;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 100_000)
    details.push({ path: 'externalRecipients', message: 'a whole number from 0' });
  if (details.length)
    throw new ZegelError('VALIDATION_FAILED', 'Not a send-check refusal.', details);
  return { reason: b.reason!, externalRecipients: n! };
}
