import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'zegel:public';

/** Marks a route as reachable without authentication. Everything else is closed by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
