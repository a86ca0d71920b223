import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RevokeResponse } from '@zegel/shared';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RevokeService } from './revoke.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/v1/messages')
export class RevokeController {
  constructor(private readonly revocation: RevokeService) {}

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a message nobody has retrieved yet',
    description:
      'Kills the pickup links of every waiting recipient, destroys the content and records the withdrawal. 409 once a recipient has opened it; a copy already delivered into an inbox cannot be recalled and is listed. An admin revoking another sender’s message gives a `reason`.',
  })
  revoke(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Req() req: Request,
    @Body() body: { reason?: unknown } | undefined,
  ): Promise<RevokeResponse> {
    const reason = typeof body?.reason === 'string' ? body.reason.slice(0, 500) : undefined;
    return this.revocation.revoke(user, id, req.ip ?? null, reason);
  }
}
