import { SetMetadata } from '@nestjs/common';

export const ALLOW_APPS = 'zegel:allow-apps';

/**
 * Admits app-only tokens (client credentials, no user) besides users. Without it a route refuses
 * them with 403: an application acting for itself may read events, never send or administer.
 */
export const AllowApps = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOW_APPS, true);
