import { Injectable } from '@nestjs/common';
import type { CeIdChannel, RecipientInput, Route, RouteReason } from '@zegel/shared';
import { randomUUID } from 'node:crypto';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { RecipientRouter } from '../policy/org-policy/recipient-router.service';
import { CeIdSecrets, type IssuedCode } from './ceid-secrets.service';
import { RecipientPhoneRepository } from './recipient-phone.repository';

export interface PlannedCopy extends IssuedCode {
  id: string;
  address: string;
  phone: string | null;
  route: Route;
  reasons: RouteReason[];
  channel: CeIdChannel;
}

/**
 * Decides for each recipient: the route (NTA 7516 ruleset and SmartTLS), the phone number for the
 * CE-ID (given with the message, else from the recipient register) and so the CE-ID's channel,
 * and issues the link and the code. A held recipient refuses the whole message, so nothing is half sent.
 */
@Injectable()
export class RecipientPlanner {
  constructor(
    private readonly config: ZegelConfig,
    private readonly router: RecipientRouter,
    private readonly phones: RecipientPhoneRepository,
    private readonly secrets: CeIdSecrets,
  ) {}

  async plan(classification: string, recipients: RecipientInput[]): Promise<PlannedCopy[]> {
    const routes = await this.router.plan(
      classification,
      recipients.map((r) => r.address),
    );
    const held = routes.filter((r) => r.route === 'hold');
    if (held.length) {
      throw new ZegelError(
        'VALIDATION_FAILED',
        "The organisation's policy sends this message to no one of these recipients.",
        held.map((r) => ({
          path: `recipients.${routes.indexOf(r)}.address`,
          message: `${r.address}: ${r.reasons[0].message}`,
        })),
      );
    }
    const setting = this.config.notify.ceIdChannel;
    const register =
      setting === 'sender'
        ? new Map<string, string>()
        : await this.phones.phonesOf(recipients.filter((r) => !r.phone).map((r) => r.address));
    const phoneOf = (r: RecipientInput) => r.phone ?? register.get(r.address) ?? null;
    const missing = recipients.filter((r, i) => routes[i].route === 'pickup' && !phoneOf(r));
    if (setting === 'sms' && missing.length) {
      throw new ZegelError(
        'VALIDATION_FAILED',
        'The CE-ID goes by SMS: every recipient needs a phone number (given with the message or in the recipient register).',
        missing.map((r) => ({ path: 'recipients', message: `${r.address} has no phone number` })),
      );
    }
    return recipients.map((r, i) => {
      const id = randomUUID();
      const phone = phoneOf(r);
      return {
        id,
        address: r.address,
        phone,
        route: routes[i].route as Route,
        reasons: routes[i].reasons,
        channel: setting !== 'sender' && phone ? 'sms' : 'sender',
        ...this.secrets.issue(id),
      };
    });
  }
}
