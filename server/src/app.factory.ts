import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { bodyIntake } from './common/body-intake.middleware';
import { jsonCompression } from './common/json-compression';
import { rootLogger } from './common/logging';
import { requestLog } from './common/request-log';
import { ZegelExceptionFilter } from './common/zegel-exception.filter';
import { adminIdentityOrigin } from './auth/admin-console-config';
import { securityHeaders } from './content-security';
import type { ZegelConfig } from './config/config';
import { MetricsService } from './health/metrics.service';
import { mountWebPages } from './web-pages';
import type { Request, Response } from 'express';

/** Builds the configured application without listening; main.ts and the tests both use it. */
export async function createZegelApp(config: ZegelConfig): Promise<NestExpressApplication> {
  const logger = rootLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // No automatic ETag: API answers are not cached (no-store), so hashing every JSON body (a whole
  // pickup message, say) would be work on each read for nothing. The pages and the logo that are
  // revalidated set their own.
  app.disable('etag');
  // First, before any parser: every answer, a refused body's and a page's included, carries its
  // correlation id and has its line in the access log.
  app.use(requestLog(logger));
  app.use(securityHeaders(config.publicUrl.startsWith('https:'), adminIdentityOrigin(config)));
  const metrics = app.get(MetricsService);
  app.use((req: Request, res: Response, next: () => void) => {
    const done = metrics.httpRequests.startTimer({ method: req.method });
    // The route pattern, never the path: paths carry pickup tokens.
    res.on('finish', () =>
      done({ route: req.route?.path ?? 'unmatched', status: String(res.statusCode) }),
    );
    next();
  });
  app.use(jsonCompression());
  // Per-route body limits, no compressed bodies, and the in-flight budget, in front of the parsers.
  app.use(
    bodyIntake({
      maxBodyBytes: config.limits.maxBodyBytes,
      maxRecipients: config.limits.maxRecipients,
      maxInFlightBytes: config.limits.maxInFlightBodyBytes,
    }),
  );
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
