'use strict';
// A bare NestJS application (one controller answering a small JSON object) on loopback: the
// yardstick the pickup bench compares against. Prints its port on stdout.
require('reflect-metadata');
const { Controller, Get, Module, Header } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');

class BareController {
  message() {
    return { messageId: 'bare', subject: 'Benchmark', html: '<p>' + 'x'.repeat(4000) + '</p>' };
  }
}
Header('Cache-Control', 'no-store')(
  BareController.prototype,
  'message',
  Object.getOwnPropertyDescriptor(BareController.prototype, 'message'),
);
Get('message')(
  BareController.prototype,
  'message',
  Object.getOwnPropertyDescriptor(BareController.prototype, 'message'),
);
Controller('bare')(BareController);

class BareModule {}
Module({ controllers: [BareController] })(BareModule);

NestFactory.create(BareModule, { logger: false }).then(async (app) => {
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`port ${app.getHttpServer().address().port}\n`);
});
