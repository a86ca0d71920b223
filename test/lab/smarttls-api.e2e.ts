import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '../../server/src/config/config';
import { ConfigModule } from '../../server/src/config/config.module';
import { ZegelExceptionFilter } from '../../server/src/common/zegel-exception.filter';
import { SmartTlsModule } from '../../server/src/smarttls/smarttls.module';
import { LAB_PRIVATE_TARGETS, startSmartTlsLab, type SmartTlsLab } from '../support/lab-smarttls';

jest.setTimeout(120_000);

let lab: SmartTlsLab;
let app: INestApplication;
let url: string;

beforeAll(async () => {
  lab = await startSmartTlsLab();
  const config = loadConfig(
    {
      ZEGEL_AUTH_MODE: 'dev',
      ZEGEL_DNS_RESOLVER: lab.dns.address,
      ZEGEL_CA_FILE: lab.ca.rootFile,
      ZEGEL_PRIVATE_TARGETS_ALLOWED: LAB_PRIVATE_TARGETS,
    },
    join(__dirname, '..', '..'),
  );
  Object.assign(config.smarttls, { smtpPort: lab.port, mtaStsPort: lab.port });
  // The SmartTLS module on its own, with the server's error filter: the route and its validation.
  @Module({ imports: [ConfigModule.forRoot(config), SmartTlsModule] })
  class SmartTlsOnly {}
  app = await NestFactory.create(SmartTlsOnly, { logger: false });
  app.useGlobalFilters(new ZegelExceptionFilter());
  await app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await lab?.close();
});

describe('GET /api/v1/smarttls/:domain', () => {
  it('returns the report', async () => {
    const res = await fetch(`${url}/api/v1/smarttls/sts.plain.test`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      domain: 'sts.plain.test',
      verdict: 'direct',
      mtaSts: { state: 'found', policy: { mode: 'enforce' } },
      mx: [{ host: 'good.mx.test', starttls: 'offered' }],
    });
  });

  it('applies the policy asked for', async () => {
    const res = await fetch(`${url}/api/v1/smarttls/sts.plain.test?policy=dane-only`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ policy: 'dane-only', verdict: 'pickup' });
  });

  it.each([
    ['not_a_domain', 'domain'],
    ['localhost', 'domain'],
    ['-x.example.nl', 'domain'],
    [`${'a'.repeat(64)}.nl`, 'domain'],
    ['example.nl?policy=lenient', 'policy'],
  ])('answers 400 VALIDATION_FAILED for %s', async (path, field) => {
    const res = await fetch(`${url}/api/v1/smarttls/${path}`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
    expect(body.error.details[0].path).toBe(field);
  });
});
