import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { RequireRole } from '../../auth/require-role.decorator';
import { validateRuleInput, validateSample } from './mail-flow-rule.validation';
import { MailFlowService } from './mail-flow.service';

/** Admin API of the mail-flow rules that classify unlabelled mail arriving over SMTP. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/mail-flow-rules')
export class MailFlowController {
  constructor(private readonly rules: MailFlowService) {}

  @Get()
  @ApiOperation({ summary: 'The mail-flow rules, in the order they run' })
  list() {
    return this.rules.list();
  }

  @Post()
  @ApiOperation({ summary: 'Add a rule (at the end unless a position is given)' })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Req() req: Request) {
    return this.rules.create(validateRuleInput(body), author(user, req));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a rule' })
  replace(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
  ) {
    return this.rules.replace(id, validateRuleInput(body), author(user, req));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a rule' })
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Req() req: Request) {
    return this.rules.remove(id, author(user, req));
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

const author = (user: AuthenticatedUser, req: Request) => ({
  actor: `admin:${user.email}`,
  ip: req.ip ?? null,
});
