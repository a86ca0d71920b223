import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { EventsPage } from '@zegel/shared';
import { AllowApps } from '../auth/allow-apps.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { Public } from '../common/public.decorator';
import { ZegelError } from '../common/zegel-error';
import { EvidenceService } from './evidence.service';

@ApiTags('evidence')
@ApiBearerAuth()
@AllowApps()
@Controller('api/v1')
export class EventsController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get('events')
  @RequireRole('soc', 'admin')
  @ApiOperation({
    summary: 'Evidence events for the SOC, oldest first, from a cursor',
    description:
      'Pass the `next` of the previous page as `after`. Each event names the hash of the one before it and is signed (Ed25519) by the key at /api/v1/evidence/public-key.',
  })
  @ApiQuery({
    name: 'after',
    required: false,
    description: 'cursor: the seq of the last event seen',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  async events(
    @Query('after') after?: string,
    @Query('limit') limit?: string,
  ): Promise<EventsPage> {
    const cursor = parseBounded('after', after, 0, 0, Number.MAX_SAFE_INTEGER);
    const size = parseBounded('limit', limit, 100, 1, 1000);
    const events = await this.evidence.page(cursor, size);
    const last = events.at(-1);
    return { events, next: last ? String(last.seq) : (after ?? null) };
  }

  /** Public: anyone holding a receipt or an exported event must be able to check its signature. */
  @Get('evidence/public-key')
  @Public()
  @ApiOperation({
    summary: 'The public key that verifies evidence signatures (JWK: Ed25519, or EC P-256)',
  })
  publicKey(): Record<string, unknown> {
    return {
      ...this.evidence.publicKey.export({ format: 'jwk' }),
      kid: this.evidence.keyId,
      use: 'sig',
      alg: this.evidence.algorithm,
    };
  }
}

function parseBounded(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw))
    throw new ZegelError('VALIDATION_FAILED', `${name} must be a whole number.`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ZegelError('VALIDATION_FAILED', `${name} must be between ${min} and ${max}.`);
  }
  return value;
}
