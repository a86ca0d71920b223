import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AdminOverview, ReadinessList } from '@zegel/shared';
import { RequireRole } from '../auth/require-role.decorator';
import { parseDays } from './overview-window.util';
import { OverviewService } from './overview.service';
import { ReadinessService } from './readiness.service';

/** The admin console's overview and SmartTLS readiness list: reads only. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin')
export class OverviewController {
  constructor(
    private readonly overview: OverviewService,
    private readonly readiness: ReadinessService,
  ) {}

  @Get('overview')
  @ApiOperation({
    summary:
      'Messages per day by route, pickup and acceptance rates, queue depth, failed deliveries and the connector certificate',
  })
  @ApiQuery({
    name: 'days',
    required: false,
    description: '1 to 90 days up to today (UTC), default 14',
  })
  get(@Query('days') days?: string): Promise<AdminOverview> {
    return this.overview.build(parseDays(days, 14, 90));
  }

  @Get('smarttls/readiness')
  @ApiOperation({
    summary:
      'Recipient domains of the last days with their route, SmartTLS verdict and what their admin could fix',
    description:
      'Waits a few seconds for SmartTLS checks; a domain still being checked says `pending` and is ready on the next call.',
  })
  @ApiQuery({ name: 'days', required: false, description: '1 to 90, default 30' })
  readinessList(@Query('days') days?: string): Promise<ReadinessList> {
    return this.readiness.list(parseDays(days, 30, 90));
  }
}
