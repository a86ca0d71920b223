import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ClassificationInfo, GraphIntakeSettings, SubmitMessageResponse } from '@zegel/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Language } from '../common/i18n';
import { SENT_HEADER, SENT_PROPERTY } from '../common/zegel-item';
import type { ComposeMail } from '../office/compose-mail';
import { officeRoamingStore } from '../office/roaming-settings';
import { ClassificationPicker } from './classification-picker';
import { ContactPhones } from './contact-phones';
import { classificationFromPurview } from './purview-label';
import { collectMessage, toFormData } from './collect-message';
import { errorText } from './error-text';
import { chooseIntake, collectDraft } from './intake-choice';
import { readLabel, writeLabel } from './label-writer';
import type { TaskpaneTexts } from './messages';
import { planPhones } from './recipient-phones';
import { RecipientPreview } from './recipient-preview';
import { SendResult } from './send-result';
import type { TaskpaneApi } from './taskpane-api';
import { usePreflight } from './use-preflight';
import { useRecipientPhones } from './use-recipient-phones';
import { useRecipients } from './use-recipients';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  send: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

type Phase =
  | { kind: 'idle' }
  | { kind: 'collecting'; text: string; value?: number }
  | { kind: 'uploading'; percent: number }
  | { kind: 'sent'; result: SubmitMessageResponse; marked: boolean }
  | { kind: 'already-sent'; id: string }
  | { kind: 'failed'; message: string };

type LabelStatus = { text: string; intent: 'success' | 'warning' | 'error' | 'none' } | null;

/** The draft: its label, what happens per recipient, and Send registered. */
export function ComposePanel(props: {
  mail: ComposeMail;
  api: TaskpaneApi;
  labels: readonly ClassificationInfo[];
  language: Language;
  texts: TaskpaneTexts;
  /** Whether the server fetches drafts through Microsoft Graph (null: it does not). */
  graph?: GraphIntakeSettings | null;
  /** The sender's remembered numbers per contact (default: Outlook's roaming settings). */
  phoneBook?: ContactPhones;
}) {
  const { mail, api, texts, labels } = props;
  const styles = useStyles();
  const canLabel = mail.supports('1.8');
  const [label, setLabel] = useState<string | undefined>();
  const [labelStatus, setLabelStatus] = useState<LabelStatus>(
    canLabel ? null : { text: texts.needsNewerOutlook, intent: 'warning' },
  );
  const [writing, setWriting] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const sending = useRef(false);
  const [recipients, refreshRecipients] = useRecipients(mail);
  const describe = useCallback((error: unknown) => errorText(error, texts), [texts]);
  const [preview, refreshPreview] = usePreflight(api, label, recipients, describe);
  const book = useMemo(
    () => props.phoneBook ?? new ContactPhones(officeRoamingStore()),
    [props.phoneBook],
  );
  const phones = useRecipientPhones(book, recipients);
  const phonePlan = planPhones(
    recipients ?? [],
    phones.entries,
    preview.kind === 'done' ? preview.answer : null,
  );

  // Read back what the draft already carries: its label, and whether Zegel already sent it.
  useEffect(() => {
    let current = true;
    mail.getProperty(SENT_PROPERTY).then(
      (id) => current && id && setPhase({ kind: 'already-sent', id }),
      () => undefined,
    );
    // Without a Zegel label, the one an admin mapped to the draft's Purview label is preselected.
    const fromPurview = () =>
      classificationFromPurview(mail, labels).then((c) => current && c && setLabel(c.id));
    if (canLabel)
      readLabel(mail).then(
        (value) => current && (value ? setLabel(value) : fromPurview()),
        () => undefined,
      );
    else void fromPurview();
    return () => {
      current = false;
    };
  }, [mail, canLabel, labels]);

  // Label writes run one after the other (arrow keys can move through the labels quickly); the
  // status shown is that of the latest choice.
  const writes = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef(0);
  const pick = (choice: ClassificationInfo) => {
    setLabel(choice.id);
    if (!canLabel) return;
    const round = ++latest.current;
    setWriting(true);
    setLabelStatus({ text: texts.saving, intent: 'none' });
    const write = async () => {
      let status: LabelStatus;
      try {
        const result = await writeLabel(mail, choice);
        const name = choice.label[props.language] ?? choice.label.en;
        if (!result.persisted) status = { text: texts.labelNotPersisted, intent: 'error' };
        else if (!result.categoryAdded)
          status = {
            text: `${texts.labelSaved(name)} ${texts.categoryMissing}`,
            intent: 'success',
          };
        else status = { text: texts.labelSaved(name), intent: 'success' };
      } catch (error) {
        status = { text: describe(error), intent: 'error' };
      }
      if (round !== latest.current) return;
      setLabelStatus(status);
      setWriting(false);
    };
    writes.current = writes.current.then(write);
  };

  const chosen = props.labels.find((l) => l.id === label);
  const blockedBecause = !chosen?.protected
    ? texts.sendNeedsProtected
    : !recipients?.length
      ? texts.sendNeedsRecipients
      : phonePlan.missing.length
        ? texts.sendNeedsPhones
        : null;
  const busy = phase.kind === 'collecting' || phase.kind === 'uploading';
  const done = phase.kind === 'sent' || phase.kind === 'already-sent';

  const send = async () => {
    if (sending.current || !chosen || blockedBecause || done) return;
    const invalid = Object.keys(phonePlan.invalid);
    if (invalid.length) {
      phones.touchAll();
      setPhase({ kind: 'failed', message: texts.phonesInvalid });
      document
        .querySelector<HTMLInputElement>(`[data-phone-for="${CSS.escape(invalid[0])}"]`)
        ?.focus();
      return;
    }
    sending.current = true;
    setPhase({ kind: 'collecting', text: texts.collecting });
    try {
      const attachments = canLabel ? await mail.attachments() : [];
      let result: SubmitMessageResponse;
      if (chooseIntake(props.graph ?? null, attachments) === 'graph') {
        // Large or with cloud links: Zegel fetches the saved draft itself; nothing is uploaded.
        setPhase({ kind: 'collecting', text: texts.handingOver });
        result = await api.submitDraft(
          await collectDraft(mail, chosen.id, attachments, phonePlan.phones),
        );
      } else {
        const message = await collectMessage(
          mail,
          chosen.id,
          (attachment, index, total) =>
            setPhase({
              kind: 'collecting',
              text: texts.readingAttachment(attachment.name, index + 1, total),
              value: index / total,
            }),
          phonePlan.phones,
        );
        setPhase({ kind: 'uploading', percent: 0 });
        result = await api.submit(toFormData(message), (sent, total) =>
          setPhase({ kind: 'uploading', percent: Math.round((100 * sent) / Math.max(total, 1)) }),
        );
      }
      // Mark the draft, so that neither this pane nor the send check lets it go out again.
      let marked = true;
      try {
        await mail.setProperty(SENT_PROPERTY, result.id);
        if (canLabel) await mail.setHeaders({ [SENT_HEADER]: result.id });
        await mail.save();
      } catch {
        marked = false;
      }
      setPhase({ kind: 'sent', result, marked });
      void book.remember(
        Object.entries(phonePlan.phones).map(([address, phone]) => ({ address, phone })),
      );
    } catch (error) {
      setPhase({ kind: 'failed', message: `${texts.sendFailed} ${describe(error)}` });
    } finally {
      sending.current = false;
    }
  };

  // Once sent, the outcome (with the codes to pass on) comes first: it is what matters now.
  const sendSection = (
    <section className={styles.send} aria-label={texts.sendRegistered}>
      {phase.kind === 'sent' ? (
        <SendResult
          result={phase.result}
          marked={phase.marked}
          texts={texts}
          canClose
          onClose={() => mail.close()}
        />
      ) : phase.kind === 'already-sent' ? (
        <MessageBar intent="info">
          <MessageBarBody>{texts.alreadySent(phase.id)}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Button
            appearance="primary"
            disabled={Boolean(blockedBecause) || busy || writing}
            disabledFocusable={Boolean(blockedBecause)}
            aria-describedby="zegel-send-hint"
            onClick={() => void send()}
          >
            {texts.sendRegistered}
          </Button>
          <Text id="zegel-send-hint" size={200}>
            {blockedBecause ?? texts.sendHint}
          </Text>
        </>
      )}
      <div aria-live="polite">
        {phase.kind === 'collecting' && <ProgressBar value={phase.value} aria-label={phase.text} />}
        {phase.kind === 'collecting' && <Text size={200}>{phase.text}</Text>}
        {phase.kind === 'uploading' && (
          <>
            <ProgressBar value={phase.percent / 100} aria-label={texts.uploading(phase.percent)} />
            <Text size={200}>{texts.uploading(phase.percent)}</Text>
          </>
        )}
      </div>
      {phase.kind === 'failed' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{phase.message}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
  const labelSection = (
    <>
      <ClassificationPicker
        labels={props.labels}
        value={label}
        language={props.language}
        texts={texts}
        disabled={busy || done}
        status={labelStatus}
        onPick={pick}
      />
      {chosen && !chosen.protected ? (
        <Text>{texts.notZegels}</Text>
      ) : (
        <RecipientPreview
          state={preview}
          texts={texts}
          language={props.language}
          phones={{
            entries: phones.entries,
            plan: phonePlan,
            disabled: busy || done,
            onType: phones.type,
            onLeave: phones.leave,
          }}
          onRefresh={() => {
            refreshRecipients();
            refreshPreview();
          }}
        />
      )}
    </>
  );
  return (
    <div className={styles.root}>
      {phase.kind === 'sent' ? sendSection : labelSection}
      {phase.kind === 'sent' ? labelSection : sendSection}
    </div>
  );
}
