import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ZegelError } from '../common/zegel-error';
import type { AuthenticatedUser } from './authenticated-user';

/** The request property where AuthGuard puts the caller. */
export const USER_PROPERTY = 'zegelUser';

export type RequestWithUser = { [USER_PROPERTY]?: AuthenticatedUser };

/**
 * The signed-in caller of this request. On a @Public route there is none, and asking for it is an
 * error rather than an undefined that code might mistake for "anyone".
 */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => {
    const user = context.switchToHttp().getRequest<RequestWithUser>()[USER_PROPERTY];
    if (!user) throw new ZegelError('UNAUTHENTICATED', 'This request is not signed in.');
    return user;
  },
);
