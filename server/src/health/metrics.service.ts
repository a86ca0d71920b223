import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for the process; one registry per app so tests do not share counters. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequests = new Histogram({
    name: 'zegel_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly messagesAccepted = new Counter({
    name: 'zegel_messages_accepted_total',
    help: 'Messages accepted for delivery, by entry point and classification',
    labelNames: ['entry', 'classification'],
    registers: [this.registry],
  });
  readonly pickupFailures = new Counter({
    name: 'zegel_pickup_code_failures_total',
    help: 'Wrong or refused CE-ID attempts on the pickup page',
    registers: [this.registry],
  });
  readonly outboundMail = new Counter({
    name: 'zegel_outbound_mail_total',
    help: 'Mails sent by Zegel itself (notifications, receipts), by kind and outcome',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });

  readonly smtpVerdicts = new Counter({
    name: 'zegel_smtp_verdicts_total',
    help: 'Answers of the inbound SMTP connector, by phase and reply code',
    labelNames: ['phase', 'code'],
    registers: [this.registry],
  });

  readonly smtpAuthFailures = new Counter({
    name: 'zegel_smtp_auth_failures_total',
    help: 'Refused SMTP AUTH attempts: wrong credentials, or refused because the client address is locked',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  readonly smtpAuthLockouts = new Counter({
    name: 'zegel_smtp_auth_lockouts_total',
    help: 'Client addresses (IPv6: /64 prefixes) locked out after too many SMTP AUTH failures',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'zegel_' });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
