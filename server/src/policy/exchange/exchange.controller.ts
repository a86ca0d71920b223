import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../auth/require-role.decorator';
import { ZegelError } from '../../common/zegel-error';
import { ZegelConfig } from '../../config/config';
import { MailFlowService } from '../mail-flow/mail-flow.service';
import { exchangeScript, type ExchangeTarget } from './exchange-script';

/** The PowerShell that wires Exchange to Zegel, with Zegel's current mail-flow rules mirrored. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/exchange')
export class ExchangeController {
  constructor(
    private readonly config: ZegelConfig,
    private readonly rules: MailFlowService,
  ) {}

  @Get('script')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'PowerShell for Exchange Online (default) or Exchange Server' })
  @ApiQuery({ name: 'target', required: false, enum: ['online', 'onprem'] })
  @ApiQuery({
    name: 'host',
    required: false,
    description: "Zegel's SMTP host name (default: the public URL's host)",
  })
  async script(@Query('target') target = 'online', @Query('host') host?: string): Promise<string> {
    if (target !== 'online' && target !== 'onprem')
      throw new ZegelError('VALIDATION_FAILED', 'target must be online or onprem.', [
        { path: 'target', message: 'must be online or onprem' },
      ]);
    const zegelHost = host ?? new URL(this.config.publicUrl).hostname;
    try {
      return exchangeScript({
        target: target as ExchangeTarget,
        zegelHost,
        zegelPort: this.config.smtp.port || undefined,
        rules: await this.rules.list(),
      });
    } catch (error) {
      throw new ZegelError('VALIDATION_FAILED', (error as Error).message, [
        { path: 'host', message: 'is not a host name' },
      ]);
    }
  }
}
