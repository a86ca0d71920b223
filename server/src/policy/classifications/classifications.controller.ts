import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClassificationInfo } from '@zegel/shared';
import { ClassificationsService } from './classifications.service';

/** The labels the task pane offers, with whether Zegel handles mail that carries them. */
@ApiTags('policy')
@ApiBearerAuth()
@Controller('api/v1/classifications')
export class ClassificationsController {
  constructor(private readonly classifications: ClassificationsService) {}

  @Get()
  @ApiOperation({ summary: 'The classification labels, in the order the task pane shows them' })
  list(): Promise<ClassificationInfo[]> {
    return this.classifications.labels();
  }
}
