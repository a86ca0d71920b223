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
import type { ClassificationView } from '@zegel/shared';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { RequireRole } from '../../auth/require-role.decorator';
import { ZegelError } from '../../common/zegel-error';
import { parseIfMatch } from '../mail-flow/mail-flow-rule.validation';
import { validateClassification } from './classification.validation';
import { ClassificationsService, type ChangeActor } from './classifications.service';

const actorOf = (user: AuthenticatedUser, req: Request): ChangeActor => ({
  actor: `admin:${user.email}`,
  ip: req.ip ?? null,
});

function requiredVersion(header: string | undefined): number {
  const version = parseIfMatch(header);
  if (version === undefined)
    throw new ZegelError('VALIDATION_FAILED', 'Say which version you changed (If-Match).', [
      { path: 'If-Match', message: 'is required: the version you edited, e.g. "3"' },
    ]);
  return version;
}

/** Admin API of the classifications: the built-in four and the organisation's own. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/classifications')
export class ClassificationsAdminController {
  constructor(private readonly classifications: ClassificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Every classification with its version' })
  list(): Promise<ClassificationView[]> {
    return this.classifications.list();
  }

  @Post()
  @ApiOperation({ summary: 'Add a classification' })
  create(@CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Body() body: unknown) {
    return this.classifications.create(validateClassification(body), actorOf(user, req));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a classification; If-Match names the version (409 if older)' })
  @ApiHeader({ name: 'If-Match', required: true, example: '"1"' })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
  ) {
    const version = requiredVersion(ifMatch);
    return this.classifications.update(
      id,
      version,
      validateClassification(body),
      actorOf(user, req),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an admin-defined classification (If-Match required)' })
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.classifications.remove(id, requiredVersion(ifMatch), actorOf(user, req));
  }
}
