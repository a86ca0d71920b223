import { Body, Controller, Get, Headers, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OrgPolicyView, PolicyPreflightResponse } from '@zegel/shared';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { RequireRole } from '../../auth/require-role.decorator';
import { parseIfMatch } from '../mail-flow/mail-flow-rule.validation';
import { OrgPolicyService } from './org-policy.service';
import { invalidPolicy } from './org-policy.validation';
import { PolicyPreflightService } from './policy-preflight.service';

const domains = { type: 'array', items: { type: 'string' }, example: ['zorg.nl'] };
const count = { type: 'integer' };
const POLICY_BODY = {
  type: 'object',
  properties: {
    directDelivery: { type: 'boolean' },
    daneOnly: { type: 'boolean' },
    requireNta7516Record: { type: 'boolean' },
    forcePickupDomains: domains,
    holdDomains: domains,
    internalDomains: domains,
    pickup: {
      type: 'object',
      properties: {
        wrongCodesPerCopy: count,
        wrongCodesPerAddress: count,
        acceptWindowDays: count,
        downloadWindowHours: count,
      },
    },
    retentionDays: {
      type: 'object',
      additionalProperties: { type: 'integer', nullable: true },
      example: { registered: 30 },
    },
  },
};

/** The organisation's policy, for admins: routing, pickup limits, retention per classification. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/policy')
export class OrgPolicyController {
  constructor(
    private readonly policies: OrgPolicyService,
    private readonly preflights: PolicyPreflightService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The organisation's policy with its version" })
  get(): Promise<OrgPolicyView> {
    return this.policies.view();
  }

  @Put()
  @ApiOperation({
    summary:
      "Change the organisation's policy (fields not given keep their value); If-Match names the version (409 if older)",
  })
  @ApiHeader({ name: 'If-Match', required: true, example: '"1"' })
  @ApiBody({ schema: POLICY_BODY })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<OrgPolicyView> {
    const version = parseIfMatch(ifMatch);
    if (version === undefined)
      throw invalidPolicy([
        {
          path: 'If-Match',
          message: 'is required: the version you edited, e.g. "3"',
          code: 'IF_MATCH_REQUIRED',
        },
      ]);
    return this.policies.update(user.email, version, body, req.ip ?? null);
  }

  @Post('preflight')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What a proposed change would do to the routes of recently used recipient domains',
    description:
      'The body is a change as for PUT; nothing is saved. Uses the SmartTLS verdicts Zegel holds; a domain not checked recently counts as not yet checked.',
  })
  @ApiBody({ schema: POLICY_BODY })
  preflight(@Body() body: unknown): Promise<PolicyPreflightResponse> {
    return this.preflights.preflight(body);
  }
}
