import { SetMetadata } from '@nestjs/common';
import type { Role } from './authenticated-user';

export const REQUIRED_ROLES = 'zegel:required-roles';

/**
 * Admits only users holding at least one of the given roles (403 otherwise), enforced by the
 * global AuthGuard. On a method it replaces one set on the controller class.
 */
export const RequireRole = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);
