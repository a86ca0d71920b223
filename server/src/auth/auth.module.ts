import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { OidcTokenVerifier } from './oidc-token-verifier.service';

/** Authentication for every route (global guard), and `GET /api/v1/me`. */
@Module({
  controllers: [AuthController],
  providers: [OidcTokenVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [OidcTokenVerifier],
})
export class AuthModule {}
