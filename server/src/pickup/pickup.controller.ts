import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PickupMessageView, PickupReplyResult, PickupResponseResult } from '@zegel/shared';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Public } from '../common/public.decorator';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { PickupAnswers } from './pickup-answer.service';
import { PickupReader } from './pickup-reader.service';
import { ReplyService } from './reply.service';
import { PickupBlockedError, UnlockService } from './unlock.service';

const COOKIE = 'zegel_pickup';

function cookieValue(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0 && part.slice(0, equals).trim() === COOKIE) return part.slice(equals + 1).trim();
  }
  return undefined;
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The recipient's API behind the pickup page. Public: the link plus the CE-ID are the credentials. */
@ApiTags('pickup')
@Public()
@Controller('api/v1/pickup/:token')
export class PickupController {
  constructor(
    private readonly unlocks: UnlockService,
    private readonly reader: PickupReader,
    private readonly answers: PickupAnswers,
    private readonly replies: ReplyService,
    private readonly config: ZegelConfig,
  ) {}

  @Post('unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the message with the CE-ID; sets a session cookie for this link' })
  async unlock(
    @Param('token') token: string,
    @Body() body: { ceId?: unknown } | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PickupMessageView> {
    try {
      const { session, view } = await this.unlocks.unlock(token, body?.ceId, clientIp(req));
      res.cookie(COOKIE, session, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.publicUrl.startsWith('https:'),
        path: `/api/v1/pickup/${token}`,
        maxAge: this.config.pickup.sessionMinutes * 60_000,
      });
      res.setHeader('Cache-Control', 'no-store');
      return view;
    } catch (error) {
      if (error instanceof PickupBlockedError)
        res.setHeader('Retry-After', String(error.retryAfter));
      throw error;
    }
  }

  @Get('message')
  @ApiOperation({ summary: 'The unlocked message (sanitised HTML, attachments with digests)' })
  async message(
    @Param('token') token: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PickupMessageView> {
    res.setHeader('Cache-Control', 'no-store');
    return this.reader.view(await this.reader.context(token, cookieValue(req)));
  }

  @Get('attachments/:index')
  @ApiOperation({ summary: 'Download one attachment (streamed)' })
  async attachment(
    @Param('token') token: string,
    @Param('index') index: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!/^\d{1,4}$/.test(index)) throw new ZegelError('NOT_FOUND', 'No such attachment.');
    const ctx = await this.reader.context(token, cookieValue(req));
    const file = await this.reader.attachment(ctx, Number(index), clientIp(req));
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', contentDisposition(file.name));
    res.setHeader('Cache-Control', 'no-store');
    await pipeline(file.stream, res);
  }

  @Get('inline/:index')
  @ApiOperation({
    summary:
      'An image the HTML body shows inline (cid:), for the unlocked session of this link only',
  })
  async inlineImage(
    @Param('token') token: string,
    @Param('index') index: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!/^\d{1,4}$/.test(index)) throw new ZegelError('NOT_FOUND', 'No such inline image.');
    const ctx = await this.reader.context(token, cookieValue(req));
    const image = await this.reader.inlineImage(ctx, Number(index));
    // The type is one of a few image types (never SVG), and the browser may not guess another.
    res.setHeader('Content-Type', image.contentType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Length', String(image.size));
    res.setHeader('Content-Disposition', 'inline');
    res.setHeader('Cache-Control', 'private, no-store');
    await pipeline(image.stream, res);
  }

  @Get('message.eml')
  @ApiOperation({
    summary: 'Download the whole message as .eml (RFC 5322), the recipient’s own copy',
  })
  async eml(
    @Param('token') token: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const ctx = await this.reader.context(token, cookieValue(req));
    const stream = await this.reader.eml(ctx, clientIp(req));
    res.setHeader('Content-Type', 'message/rfc822');
    res.setHeader(
      'Content-Disposition',
      contentDisposition(`message-${ctx.message.id.slice(0, 8)}.eml`),
    );
    res.setHeader('Cache-Control', 'no-store');
    await pipeline(stream, res);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the message; the sender receives a receipt' })
  async accept(@Param('token') token: string, @Req() req: Request): Promise<PickupResponseResult> {
    return this.answers.respond(
      await this.reader.session(token, cookieValue(req)),
      'accept',
      clientIp(req),
    );
  }

  @Post('decline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decline the message; its content is deleted and the sender receives a receipt',
  })
  async decline(@Param('token') token: string, @Req() req: Request): Promise<PickupResponseResult> {
    return this.answers.respond(
      await this.reader.session(token, cookieValue(req)),
      'decline',
      clientIp(req),
    );
  }

  @Post('reply')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Secure reply: multipart/form-data with a field "message" ({"text": …}) and files as "attachments"; stored encrypted and delivered to the sender',
  })
  async reply(
    @Param('token') token: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PickupReplyResult> {
    res.setHeader('Cache-Control', 'no-store');
    const ctx = await this.reader.context(token, cookieValue(req));
    return this.replies.reply(ctx, req, clientIp(req));
  }

  @Post('lost-code')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Tell the sender the CE-ID is lost, so they can issue a new one (no session needed)',
  })
  async lostCode(@Param('token') token: string, @Req() req: Request): Promise<{ ok: true }> {
    await this.answers.lostCode(token, clientIp(req));
    return { ok: true };
  }
}

/** The client address as Express sees it (honouring ZEGEL_TRUST_PROXY), IPv4-mapped IPv6 unwrapped. */
export function clientIp(req: Request): string {
  return (req.ip ?? req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}
