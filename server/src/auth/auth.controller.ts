import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from './authenticated-user';
import { CurrentUser } from './current-user.decorator';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1')
export class AuthController {
  /** Who the server takes the caller to be; the add-in shows it and checks its sign-in with it. */
  @Get('me')
  @ApiOkResponse({ description: 'The signed-in user: id, email, name, roles, tenantId' })
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}
