import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminConsoleConfig } from '@zegel/shared';
import { Public } from '../common/public.decorator';
import { ZegelConfig } from '../config/config';
import { adminConsoleConfig } from './admin-console-config';

@ApiTags('auth')
@Controller()
export class AdminConsoleConfigController {
  constructor(private readonly config: ZegelConfig) {}

  /** Public, like /addin-config.json: the console needs it before anyone has signed in. */
  @Get('admin-config.json')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    description:
      'How the admin console signs in: development, or OIDC authority, client id, scopes',
  })
  get(): AdminConsoleConfig {
    return adminConsoleConfig(this.config);
  }
}
