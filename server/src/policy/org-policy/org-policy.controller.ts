import { Body, Controller, Get, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OrgPolicyView } from '@zegel/shared';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { RequireRole } from '../../auth/require-role.decorator';
import { OrgPolicyService, toView } from './org-policy.service';

/** The organisation's routing policy, for admins. It can only make the defaults stricter. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/policy')
export class OrgPolicyController {
  constructor(private readonly policies: OrgPolicyService) {}

  @Get()
  @ApiOperation({ summary: "The organisation's routing policy (defaults until changed)" })
  async get(): Promise<OrgPolicyView> {
    return toView(await this.policies.view());
  }

  @Put()
  @ApiOperation({
    summary: "Change the organisation's routing policy (fields not given keep their value)",
  })
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        directDelivery: { type: 'boolean' },
        daneOnly: { type: 'boolean' },
        requireNta7516Record: { type: 'boolean' },
        forcePickupDomains: { type: 'array', items: { type: 'string' }, example: ['zorg.nl'] },
        holdDomains: { type: 'array', items: { type: 'string' } },
      },
    },
  })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Body() body: unknown,
  ): Promise<OrgPolicyView> {
    return this.policies.update(user.email, body, req.ip ?? null);
  }
}
