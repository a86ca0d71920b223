import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { IS_PUBLIC } from '../common/public.decorator';
import { ALLOW_APPS } from './allow-apps.decorator';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { DEVELOPMENT_USER, type AuthenticatedUser, type Role } from './authenticated-user';
import { bearerToken, hasAnyRole, isAppOnly, mapClaimsToUser } from './claims.util';
import { USER_PROPERTY, type RequestWithUser } from './current-user.decorator';
import { OidcTokenVerifier } from './oidc-token-verifier.service';
import { REQUIRED_ROLES } from './require-role.decorator';

/**
 * The global guard: every route needs a signed-in user unless marked @Public(). Development mode
 * acts as the fixed development user; OIDC mode verifies the bearer token. Fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly config: ZegelConfig,
    private readonly verifier: OidcTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true) return true;
    if (context.getType() !== 'http') return false;
    const http = context.switchToHttp();
    const request = http.getRequest<Request & RequestWithUser>();
    const response = http.getResponse<Response>();

    const user =
      this.config.authMode === 'dev'
        ? { ...DEVELOPMENT_USER, roles: [...DEVELOPMENT_USER.roles] }
        : await this.signIn(request, response);
    if (user.app && this.reflector.getAllAndOverride<boolean>(ALLOW_APPS, targets) !== true) {
      this.logger.warn({ app: user.app.clientId }, 'refused: app-only token on a user route');
      throw new ZegelError(
        'FORBIDDEN',
        'An app-only token reaches only the events API; this needs a signed-in user.',
      );
    }
    const required =
      this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [];
    if (!hasAnyRole(user, required)) {
      this.logger.warn({ user: user.id, required }, 'refused: missing role');
      throw new ZegelError('FORBIDDEN', `This needs the role ${required.join(' or ')}.`);
    }
    request[USER_PROPERTY] = user;
    return true;
  }

  private async signIn(request: Request, response: Response): Promise<AuthenticatedUser> {
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      // RFC 6750 §3.1: a request without credentials gets the challenge without an error code.
      response.setHeader('WWW-Authenticate', 'Bearer');
      this.logger.warn('refused: no bearer token');
      throw new ZegelError(
        'UNAUTHENTICATED',
        'Sign in: this needs an `Authorization: Bearer` access token.',
      );
    }
    let claims: Record<string, unknown>;
    try {
      claims = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof ZegelError && error.code === 'UNAUTHENTICATED') {
        response.setHeader('WWW-Authenticate', challenge('invalid_token', error.message));
        this.logger.warn({ reason: error.message }, 'refused: invalid token');
      }
      throw error;
    }
    const result = mapClaimsToUser(claims, this.config.oidc);
    if (!result.ok) {
      const error = result.code === 'FORBIDDEN' ? 'insufficient_scope' : 'invalid_token';
      const scope =
        result.code === 'FORBIDDEN' && !isAppOnly(claims)
          ? this.config.oidc.requiredScope
          : undefined;
      response.setHeader('WWW-Authenticate', challenge(error, result.reason, scope));
      this.logger.warn({ sub: claims.sub, reason: result.reason }, 'refused: token claims');
      throw new ZegelError(result.code, result.reason);
    }
    return result.user;
  }
}

/** A Bearer challenge (RFC 6750 §3); quotes and backslashes cannot appear in the quoted strings. */
function challenge(error: string, description: string, scope?: string): string {
  const quote = (value: string) => `"${value.replace(/["\\]/g, "'")}"`;
  const parts = [`error=${quote(error)}`, `error_description=${quote(description)}`];
  if (scope) parts.push(`scope=${quote(scope)}`);
  return `Bearer ${parts.join(', ')}`;
}
