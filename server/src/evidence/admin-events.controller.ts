import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AdminEventQuery, AdminEventsPage } from '@zegel/shared';
import { RequireRole } from '../auth/require-role.decorator';
import { parseAdminEventQuery } from './admin-event-query.util';
import { EvidenceService } from './evidence.service';

/** The admin console's event log: the signed log filtered on the server, newest first. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin', 'soc')
@Controller('api/v1/admin/events')
export class AdminEventsController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get()
  @ApiOperation({
    summary: 'Events that match the filters, newest first, each verified before it is served',
  })
  @ApiQuery({ name: 'type', required: false, description: 'event types, comma-separated' })
  @ApiQuery({ name: 'messageId', required: false })
  @ApiQuery({ name: 'actor', required: false, description: 'part of the actor, any case' })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (UTC), inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD (UTC), inclusive' })
  @ApiQuery({ name: 'before', required: false, description: 'cursor: `next` of the page before' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 200' })
  async search(
    @Query() query: Record<keyof AdminEventQuery, string | undefined>,
  ): Promise<AdminEventsPage> {
    const search = parseAdminEventQuery(query);
    const { events, total } = await this.evidence.search(search);
    const last = events.at(-1);
    return {
      events,
      total,
      next: last && events.length === search.limit ? String(last.seq) : null,
    };
  }
}
