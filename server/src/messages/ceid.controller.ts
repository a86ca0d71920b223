import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NewCodeRequest, NewCodeResponse, UnlockCopyRequest } from '@zegel/shared';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { ZegelError } from '../common/zegel-error';
import { CeIdService } from './ceid.service';

const reasonOf = (body: unknown): string | undefined => {
  const reason = (body as { reason?: unknown } | undefined)?.reason;
  if (reason === undefined) return undefined;
  if (typeof reason !== 'string' || reason.length > 500)
    throw new ZegelError('VALIDATION_FAILED', 'reason must be text of at most 500 characters.', [
      { path: 'reason', message: 'must be a string of at most 500 characters' },
    ]);
  return reason;
};

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/v1')
export class CeIdController {
  constructor(private readonly codes: CeIdService) {}

  @Post('messages/:id/recipients/:address/new-code')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Issue a new CE-ID for one recipient; the old one stops working',
    description:
      'By SMS when the recipient has a phone number; otherwise the new code is in the answer for the sender to pass on (an admin acting on another sender’s message must give a reason, and the code is mailed to the sender). A locked copy opens again.',
  })
  newCode(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('address') address: string,
    @Body() body: NewCodeRequest | undefined,
    @Req() req: Request,
  ): Promise<NewCodeResponse> {
    return this.codes.newCode(user, id, address, reasonOf(body), req.ip ?? null);
  }

  @Post('admin/messages/:id/recipients/:address/resend-notification')
  @RequireRole('admin')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Send a recipient the notification again, with a new link (admin; a reason is required; 409 when the copy is no longer open)',
  })
  async resend(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('address') address: string,
    @Body() body: UnlockCopyRequest | undefined,
    @Req() req: Request,
  ): Promise<{ queued: true }> {
    await this.codes.resendNotification(user, id, address, reasonOf(body) ?? '', req.ip ?? null);
    return { queued: true };
  }

  @Post('admin/messages/:id/recipients/:address/unlock')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Unlock a copy locked after too many wrong codes (admin; a reason is required)',
  })
  async unlock(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('address') address: string,
    @Body() body: UnlockCopyRequest | undefined,
    @Req() req: Request,
  ): Promise<void> {
    await this.codes.unlockCopy(user, id, address, reasonOf(body) ?? '', req.ip ?? null);
  }
}
