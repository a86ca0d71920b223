import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { MessageStatusResponse, MessageSummary, SubmitMessageResponse } from '@zegel/shared';
import type { Request, Response } from 'express';
import { ownerIdOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ZegelError } from '../common/zegel-error';
import { EvidenceBundleService } from '../evidence/evidence-bundle.service';
import { EvidenceReportService } from './evidence-report.service';
import type { EvidenceBundle } from '../evidence/verifier/bundle';
import { IntakeService } from './intake.service';
import type { Submitter } from './intake.types';
import { MessageQueries } from './message-queries.service';
import { refusesSubmission, SubmissionRejections } from './submission-rejections.service';

const MESSAGE_SCHEMA = {
  type: 'object',
  required: ['classification', 'subject', 'recipients'],
  properties: {
    classification: { type: 'string', example: 'registered' },
    subject: { type: 'string', example: 'Uw uitslag' },
    recipients: {
      type: 'array',
      items: {
        type: 'object',
        required: ['address'],
        properties: {
          address: { type: 'string', example: 'patient@example.nl' },
          phone: { type: 'string', example: '+31612345678' },
        },
      },
    },
    html: { type: 'string', example: '<p>Zie de bijlage.</p>' },
    text: { type: 'string', example: 'Zie de bijlage.' },
  },
};

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/v1/messages')
export class MessagesController {
  constructor(
    private readonly intake: IntakeService,
    private readonly queries: MessageQueries,
    private readonly bundles: EvidenceBundleService,
    private readonly rejections: SubmissionRejections,
    private readonly reports: EvidenceReportService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit a registered (or confidential) message',
    description:
      'JSON for a message without attachments, or multipart/form-data: a `message` field holding the same JSON first, then files named `attachments` (streamed, never held whole). The sender is the signed-in user. The CE-ID is in the answer only for recipients whose code the sender passes on.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      oneOf: [
        MESSAGE_SCHEMA,
        {
          type: 'object',
          properties: {
            message: { type: 'string', description: 'the message JSON' },
            attachments: { type: 'array', items: { type: 'string', format: 'binary' } },
          },
        },
      ],
    },
  })
  async submit(
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Body() body: unknown,
  ): Promise<SubmitMessageResponse> {
    try {
      return await this.receive(user, req, body);
    } catch (error) {
      if (error instanceof ZegelError && refusesSubmission(error.code)) {
        const detail = error.details?.map((d) => `${d.path} ${d.message}`).join('; ');
        await this.rejections.record({
          entry: 'api',
          sender: user.email,
          ip: req.ip ?? null,
          code: error.code,
          reason: detail ? `${error.message} (${detail})` : error.message,
        });
      }
      throw error;
    }
  }

  private receive(
    user: AuthenticatedUser,
    req: Request,
    body: unknown,
  ): Promise<SubmitMessageResponse> {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    const submitter: Submitter = {
      sender: user.email,
      senderName: user.name || undefined,
      ownerId: ownerIdOf(user),
      entry: 'api',
      ip: req.ip ?? null,
    };
    if (type.startsWith('multipart/form-data')) return this.intake.submitMultipart(submitter, req);
    if (type.startsWith('application/json')) return this.intake.submitJson(submitter, body);
    req.resume();
    throw new ZegelError('UNSUPPORTED_MEDIA_TYPE', 'Send application/json or multipart/form-data.');
  }

  @Get()
  @ApiOperation({ summary: "The signed-in user's recent messages with their state" })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query('limit') limit?: string,
  ): Promise<MessageSummary[]> {
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 200)
      throw new ZegelError('VALIDATION_FAILED', 'limit must be 1 to 200.');
    return this.queries.list(user, n);
  }

  @Get(':id')
  @ApiOperation({ summary: 'State per recipient and the evidence trail of one of your messages' })
  status(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<MessageStatusResponse> {
    return this.queries.status(user, id);
  }

  @Get(':id/evidence')
  @ApiOperation({
    summary: 'The evidence bundle of one of your messages, to verify offline',
    description:
      'Events, signatures, RFC 9162 inclusion proofs against the newest signed and RFC 3161-timestamped tree head, the public key and the digest of every part. Verify with `npx zegel evidence verify <bundle.json> --key <public key>` (docs/evidence.md). With `Accept: application/pdf` or `?format=pdf`: the same as a PDF/A-3b report for people, with the JSON bundle attached inside.',
  })
  @ApiProduces('application/json', 'application/pdf')
  async evidence(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query('format') format: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EvidenceBundle | StreamableFile> {
    const pdf = evidenceFormatOf(format, req.headers.accept) === 'pdf';
    await this.queries.owned(user, id);
    const bundle = await this.bundles.export(id);
    if (!pdf) return bundle;
    const report = await this.reports.build(bundle);
    res.setHeader('Content-Disposition', `attachment; filename="evidence-${id}.pdf"`);
    return new StreamableFile(report, { type: 'application/pdf', length: report.length });
  }
}

/** `?format=` wins over Accept; an unknown format is a 400, not a silent JSON answer. */
function evidenceFormatOf(format: string | undefined, accept: string | undefined): 'json' | 'pdf' {
  if (format !== undefined) {
    if (format === 'json' || format === 'pdf') return format;
    throw new ZegelError('VALIDATION_FAILED', 'format must be json or pdf.');
  }
  const types = (accept ?? '').toLowerCase();
  return types.includes('application/pdf') && !types.includes('application/json') ? 'pdf' : 'json';
}
