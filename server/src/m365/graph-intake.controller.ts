import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GraphIntakeSettings, SubmitMessageResponse } from '@zegel/shared';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { bearerToken } from '../auth/claims.util';
import { CurrentUser } from '../auth/current-user.decorator';
import { GraphIntakeService } from './graph-intake.service';

@ApiTags('microsoft 365')
@ApiBearerAuth()
@Controller('api/v1/m365')
export class GraphIntakeController {
  constructor(private readonly intake: GraphIntakeService) {}

  @Get('intake')
  @ApiOperation({
    summary: 'Whether the task pane may hand over a saved draft instead of uploading it',
  })
  settings(): GraphIntakeSettings {
    return this.intake.settings();
  }

  @Post('intake')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Send registered a saved draft, fetched through Microsoft Graph on your behalf',
    description:
      'Body: `{ itemId, classification, recipients, attachments }` as the task pane showed them. Zegel exchanges your token On-Behalf-Of for a Graph token, checks the saved draft against what you saw (409 CONFLICT with the differences otherwise), streams its MIME into the intake, and fetches OneDrive/SharePoint links as files with your rights (422 ATTACHMENT_UNREADABLE when you cannot read one).',
  })
  submit(
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Body() body: unknown,
  ): Promise<SubmitMessageResponse> {
    return this.intake.submit(user, bearerToken(req.headers.authorization), body, req.ip ?? null);
  }
}
