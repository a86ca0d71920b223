import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ZegelExceptionFilter } from './common/zegel-exception.filter';
import type { ZegelConfig } from './config/config';
import { MetricsService } from './health/metrics.service';
import { mountWebPages } from './web-pages';
import type { Request, Response } from 'express';

/** Builds the configured application without listening; main.ts and the tests both use it. */
export async function createZegelApp(config: ZegelConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", 'https://appsforoffice.microsoft.com'],
          // Fluent UI inserts its styles at run time, and mail HTML shown in the sandboxed frame
          // carries style attributes; scripts stay strictly same-origin.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: [
            "'self'",
            'https://*.office.com',
            'https://*.office365.com',
            'https://*.outlook.com',
          ],
          upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
      hsts: config.publicUrl.startsWith('https:'),
    }),
  );
  const metrics = app.get(MetricsService);
  app.use((req: Request, res: Response, next: () => void) => {
    const done = metrics.httpRequests.startTimer({ method: req.method });
    // The route pattern, never the path: paths carry pickup tokens.
    res.on('finish', () =>
      done({ route: req.route?.path ?? 'unmatched', status: String(res.statusCode) }),
    );
    next();
  });
  app.useBodyParser('json', { limit: config.limits.maxBodyBytes * 2 + 1024 * 1024 });
  app.useGlobalFilters(new ZegelExceptionFilter());
  const openApi = new DocumentBuilder()
    .setTitle('Zegel API')
    .setDescription('Registered and NTA 7516-grade secure e-mail')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  mountWebPages(app);
  app.enableShutdownHooks();
  return app;
}
