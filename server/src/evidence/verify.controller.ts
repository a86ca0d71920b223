import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { BrandingService } from '../branding/branding.service';
import { Public } from '../common/public.decorator';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { verifySignature } from '../vault/key-store';
import { EvidenceService } from './evidence.service';
import { renderVerifyPage, type VerifyOutcome } from './verify-page';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HASH = /^[0-9a-f]{64}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{40,200}$/;

/**
 * The page a receipt links to: checks the event's signature and chain link with the published key,
 * and that the stored record is the one the receipt names (hash and signature from the link).
 */
@ApiExcludeController()
@Controller('verify')
export class VerifyController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly branding: BrandingService,
    private readonly config: ZegelConfig,
  ) {}

  @Get(':id')
  @Public()
  async verify(
    @Param('id') id: string,
    @Query('h') hash: unknown,
    @Query('s') signature: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.check(id, hash, signature);
    const status = { valid: 200, 'no-match': 404, broken: 409, 'bad-link': 400 }[outcome.kind];
    res
      .status(status)
      .setHeader('Cache-Control', 'no-store')
      .type('html')
      .send(
        renderVerifyPage(
          outcome,
          await this.branding.current(),
          `${this.config.publicUrl}/api/v1/evidence/public-key`,
        ),
      );
  }

  private async check(id: string, hash: unknown, signature: unknown): Promise<VerifyOutcome> {
    if (
      !UUID.test(id) ||
      typeof hash !== 'string' ||
      typeof signature !== 'string' ||
      !HASH.test(hash) ||
      !SIGNATURE.test(signature)
    )
      return { kind: 'bad-link' };
    // The link's own signature first: a forged link fails without touching the database.
    if (
      !verifySignature(
        this.evidence.publicKey,
        Buffer.from(hash, 'hex'),
        Buffer.from(signature, 'base64url'),
      )
    )
      return { kind: 'no-match' };
    try {
      // byId checks the stored record's hash and signature before it returns it.
      const event = await this.evidence.byId(id);
      if (!event || event.hash !== hash) return { kind: 'no-match' };
      return { kind: 'valid', event };
    } catch (error) {
      if (error instanceof ZegelError && error.code === 'INTEGRITY_FAILURE')
        return { kind: 'broken' };
      throw error;
    }
  }
}
