import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { RequireRole } from '../../auth/require-role.decorator';
import { ZegelError } from '../../common/zegel-error';
import {
  parseIfMatch,
  validateReorder,
  validateRuleInput,
  validateSample,
} from './mail-flow-rule.validation';
import { ClassificationsService } from '../classifications/classifications.service';
import { MailFlowService, type ChangeActor } from './mail-flow.service';

const actorOf = (user: AuthenticatedUser, req: Request): ChangeActor => ({
  actor: `admin:${user.email}`,
  ip: req.ip ?? null,
});

/** Admin API of the mail-flow rules that classify unlabelled mail arriving over SMTP. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/mail-flow-rules')
export class MailFlowController {
  constructor(
    private readonly rules: MailFlowService,
    private readonly classifications: ClassificationsService,
  ) {}

  private async known(): Promise<string[]> {
    return (await this.classifications.list()).map((c) => c.id);
  }

  @Get()
  @ApiOperation({ summary: 'The mail-flow rules, in the order they run, each with its version' })
  list() {
    return this.rules.list();
  }

  @Post()
  @ApiOperation({ summary: 'Add a rule (at the end unless a position is given)' })
  async create(@CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Body() body: unknown) {
    return this.rules.create(validateRuleInput(body, await this.known()), actorOf(user, req));
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Replace a rule; If-Match names the version you edited (409 when it is older)',
  })
  @ApiHeader({ name: 'If-Match', required: true, example: '"3"' })
  async replace(
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
  ) {
    const version = parseIfMatch(ifMatch);
    if (version === undefined)
      throw new ZegelError('VALIDATION_FAILED', 'Say which version you changed (If-Match).', [
        { path: 'If-Match', message: 'is required: the version of the rule you edited, e.g. "3"' },
      ]);
    return this.rules.replace(
      id,
      version,
      validateRuleInput(body, await this.known()),
      actorOf(user, req),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a rule (with If-Match: only if it is still that version)' })
  @ApiHeader({ name: 'If-Match', required: false })
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.rules.remove(id, parseIfMatch(ifMatch), actorOf(user, req));
  }

  @Post('reorder')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Put every rule in this order: { order: [{ id, version }] }; all or nothing',
  })
  reorder(@CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Body() body: unknown) {
    return this.rules.reorder(validateReorder(body), actorOf(user, req));
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Which rule would classify this sample message, and why the others did not',
  })
  preview(@Body() body: unknown) {
    return this.rules.classify(validateSample(body));
  }
}
