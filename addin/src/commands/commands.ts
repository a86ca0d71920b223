/**
 * The Smart Alerts OnMessageSend handler. Bundled into one classic script (dist/commands.js) so it
 * also runs in classic Outlook's JavaScript-only runtime: no imports at run time, no
 * Office.onReady, no dialogs. It asks Zegel for the policy's internal domains
 * (send-check-settings.ts) and reports a refused send (refusal-report.ts); the other settings are
 * baked in at build time.
 */
import { parseAddinConfig } from '../common/addin-config';
import { CLASSIFICATION_HEADER } from '@zegel/shared';
import { LABEL_PROPERTY, SENT_HEADER, SENT_PROPERTY } from '../common/zegel-item';
import { officeComposeMail } from '../office/office-mailbox.adapter';
import {
  associateSendHandler,
  officeDisplayLanguage,
  type SendEventCompletion,
} from '../office/office-host.adapter';
import type { ComposeMail } from '../office/compose-mail';
import { reportRefusal, type RefusalReporter } from './refusal-report';
import { policyInternalDomains, type InternalDomainsSource } from './send-check-settings';
import { checkSend } from './send-check';
import { languageOf, openLabel, sendCheckMessage } from './send-check.messages';

declare const __ZEGEL_ADDIN_CONFIG__: unknown;

/** The ribbon button that opens the task pane (manifest.xml), offered by the dialog. */
export const TASKPANE_COMMAND_ID = 'zegelOpenPaneButton';

/** Reads the draft and decides; the completion Outlook gets (never throws). */
export async function evaluateSend(
  mail: ComposeMail,
  displayLanguage: string | null,
  config = parseAddinConfig(
    typeof __ZEGEL_ADDIN_CONFIG__ === 'undefined' ? {} : __ZEGEL_ADDIN_CONFIG__,
  ),
  report: RefusalReporter = reportRefusal,
  policyDomains: InternalDomainsSource = policyInternalDomains,
): Promise<SendEventCompletion> {
  const language = languageOf(displayLanguage);
  // cancelLabel, commandId and sendModeOverride arrived with Mailbox 1.14.
  const modern = mail.supports('1.14');
  const dialog = (text: string, prompt: boolean): SendEventCompletion => ({
    allowEvent: false,
    errorMessage: text,
    ...(modern ? { cancelLabel: openLabel(language), commandId: TASKPANE_COMMAND_ID } : {}),
    ...(modern && prompt ? { sendModeOverride: 'promptUser' as const } : {}),
  });
  try {
    const [recipients, headers, labelRecord, sentRecord] = await Promise.all([
      mail.recipients(),
      mail.getHeaders([CLASSIFICATION_HEADER, SENT_HEADER]),
      mail.getProperty(LABEL_PROPERTY),
      mail.getProperty(SENT_PROPERTY),
    ]);
    const check = (internalDomains: readonly string[]) =>
      checkSend({
        recipients: [...recipients.to, ...recipients.cc, ...recipients.bcc],
        userEmail: mail.userEmail(),
        internalDomains,
        header: headerValue(headers, CLASSIFICATION_HEADER),
        labelRecord,
        sentRecord: sentRecord ?? headerValue(headers, SENT_HEADER),
        policy: config.unlabelledExternal,
      });
    let verdict = check(config.internalDomains);
    // Only an unlabelled mail to outside depends on which domains are internal: ask Zegel for the
    // policy's then, and let a labelled or internal send go without the round trip.
    if (verdict.kind !== 'allow' && verdict.reason === 'UNLABELLED_EXTERNAL')
      verdict = check([...config.internalDomains, ...(await policyDomains())]);
    if (verdict.kind === 'allow') return { allowEvent: true };
    // A block is a refused submission (evidence); a warning leaves the choice to the user.
    if (verdict.kind === 'block')
      await report({ reason: verdict.reason, externalRecipients: verdict.external.length });
    const text = sendCheckMessage(language, verdict.reason, { recipients: verdict.external });
    return dialog(text, verdict.kind === 'warn');
  } catch (error) {
    // The check itself failed: ask, do not decide silently. The user may still send (the transport
    // rule still routes labelled mail), but sees why Zegel could not check.
    const message = error instanceof Error ? error.message : String(error);
    return dialog(sendCheckMessage(language, 'CHECK_FAILED', { error: message }), true);
  }
}

/** Header names are case-insensitive; clients differ in how they report them. */
function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

function onMessageSendHandler(event: { completed(options: SendEventCompletion): void }): void {
  evaluateSend(officeComposeMail(), officeDisplayLanguage()).then(
    (completion) => event.completed(completion),
    () => event.completed({ allowEvent: false, errorMessage: 'Zegel could not check this mail.' }),
  );
}

associateSendHandler('onMessageSendHandler', onMessageSendHandler);
