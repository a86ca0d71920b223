import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BUILT_IN_CLASSIFICATIONS, type ClassificationInfo } from '@zegel/shared';

/** The labels the task pane offers, with whether Zegel handles mail that carries them. */
@ApiTags('policy')
@ApiBearerAuth()
@Controller('api/v1/classifications')
export class ClassificationsController {
  @Get()
  @ApiOperation({ summary: 'The classification labels, in the order the task pane shows them' })
  list(): readonly ClassificationInfo[] {
    return BUILT_IN_CLASSIFICATIONS;
  }
}
