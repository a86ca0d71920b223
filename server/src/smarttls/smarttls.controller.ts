import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZegelError } from '../common/zegel-error';
import { SmartTlsService } from './smarttls.service';
import { SMARTTLS_POLICIES, type SmartTlsPolicy, type SmartTlsReport } from './smarttls.types';
import { normalizeDomain } from './dns/dns-status.util';

/** Authenticated by the global guard: admins and the add-in ask whether a domain is safe. */
@ApiTags('smarttls')
@Controller('api/v1/smarttls')
export class SmartTlsController {
  constructor(private readonly smartTls: SmartTlsService) {}

  @Get(':domain')
  @ApiOperation({
    summary: "Grade a recipient domain's mail servers and give the SmartTLS verdict",
  })
  async check(
    @Param('domain') domain: string,
    @Query('policy') policy?: string,
  ): Promise<SmartTlsReport> {
    if (!normalizeDomain(domain)) {
      throw new ZegelError('VALIDATION_FAILED', `"${domain.slice(0, 100)}" is not a domain name.`, [
        {
          path: 'domain',
          message: 'letters, digits and hyphens in at least two dot-separated labels',
        },
      ]);
    }
    if (policy !== undefined && !SMARTTLS_POLICIES.includes(policy as SmartTlsPolicy)) {
      throw new ZegelError('VALIDATION_FAILED', `Unknown policy "${policy.slice(0, 40)}".`, [
        { path: 'policy', message: `one of ${SMARTTLS_POLICIES.join(', ')}` },
      ]);
    }
    return this.smartTls.check(domain, { policy: policy as SmartTlsPolicy | undefined });
  }
}
