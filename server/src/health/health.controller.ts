import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/public.decorator';
import { ZegelError } from '../common/zegel-error';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Liveness and readiness: the database answers. */
  @Public()
  @Get('health')
  async health(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ZegelError('SERVICE_UNAVAILABLE', 'The database does not answer.');
    }
    return { status: 'ok' };
  }
}
