import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { TrackingPage } from '@zegel/shared';
import { RequireRole } from '../auth/require-role.decorator';
import { MessageTracking, type RawTrackingQuery } from './message-tracking.service';

/**
 * Message tracking for admins: the search. A message's detail is GET /api/v1/messages/:id (admins
 * may read every message); the actions are the revoke, new-code and unlock routes.
 */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/messages')
export class AdminMessagesController {
  constructor(private readonly tracking: MessageTracking) {}

  @Get()
  @ApiOperation({ summary: 'Search messages, newest first; page with `cursor`' })
  @ApiQuery({ name: 'sender', required: false, description: 'whole address' })
  @ApiQuery({ name: 'recipient', required: false, description: 'whole address' })
  @ApiQuery({ name: 'classification', required: false })
  @ApiQuery({ name: 'state', required: false, description: 'a copy in this state' })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD or ISO time (UTC)' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD (inclusive) or ISO time' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 100, default 25' })
  search(@Query() query: RawTrackingQuery): Promise<TrackingPage> {
    return this.tracking.search(query);
  }
}
