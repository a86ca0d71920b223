import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminConsoleConfigController } from './admin-console-config.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { OidcTokenVerifier } from './oidc-token-verifier.service';

/** Authentication for every route (global guard), `GET /api/v1/me` and the console's sign-in settings. */
@Module({
  controllers: [AuthController, AdminConsoleConfigController],
  providers: [OidcTokenVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [OidcTokenVerifier],
})
export class AuthModule {}
