import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  create(@Body() body: unknown) {
    return this.rules.create(validateRuleInput(body));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a rule' })
  replace(@Param('id') id: string, @Body() body: unknown) {
    return this.rules.replace(id, validateRuleInput(body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a rule' })
  remove(@Param('id') id: string) {
    return this.rules.remove(id);
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
