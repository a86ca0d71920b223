import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { PickupReplyRules } from '@zegel/shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { formatBytes } from '../common/format';
import type { Language } from '../common/i18n';
import type { PickupTexts } from './messages';
import type { Problem } from './pickup-state';
import { problemOf } from './pickup-state';
import { ProblemBar } from './problem-bar';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  files: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  fileInput: { minHeight: '44px', maxWidth: '100%' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  note: { margin: 0, color: tokens.colorNeutralForeground2 },
});

type LocalProblem = { kind: 'local'; text: string };

/**
 * Secure reply (NTA 7516 §6.1.14): text and files back to the sender through Zegel. Checks the
 * limits the server gave before uploading; the server checks them again.
 */
export function ReplyForm(props: {
  t: PickupTexts;
  language: Language;
  rules: PickupReplyRules;
  onSend: (text: string, files: File[]) => Promise<unknown>;
}) {
  const { t, language } = props;
  const styles = useStyles();
  const [rules, setRules] = useState(props.rules);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<Problem | LocalProblem | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const headingId = useId();
  const fileId = useId();
  const fileHintId = useId();
  const maxSize = formatBytes(rules.maxAttachmentBytes, language);

  const check = (): LocalProblem | null => {
    if (!text.trim()) return { kind: 'local', text: t.replyEmpty };
    if (files.length > rules.maxAttachments)
      return { kind: 'local', text: t.replyTooManyFiles(rules.maxAttachments) };
    const big = files.find((f) => f.size > rules.maxAttachmentBytes);
    if (big) return { kind: 'local', text: t.replyFileTooLarge(big.name, maxSize) };
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const local = check();
    setProblem(local);
    setSent(false);
    if (local) {
      textRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await props.onSend(text, files);
      setSent(true);
      setText('');
      setFiles([]);
      if (fileRef.current) fileRef.current.value = '';
      setRules((r) => ({ ...r, remaining: r.remaining - 1, allowed: r.remaining - 1 > 0 }));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        {t.replyHeading}
      </Subtitle2>
      {props.rules.allowed ? (
        <form className={styles.root} onSubmit={submit} noValidate>
          <p className={styles.note}>{t.replyIntro}</p>
          <Field
            label={t.replyLabel}
            hint={t.replyHint(rules.maxTextChars)}
            validationState={problem?.kind === 'local' ? 'error' : 'none'}
          >
            <Textarea
              ref={textRef}
              value={text}
              onChange={(_e, data) => setText(data.value)}
              maxLength={rules.maxTextChars}
              rows={5}
              resize="vertical"
              disabled={busy || !rules.allowed}
            />
          </Field>
          <div className={styles.files}>
            <label htmlFor={fileId}>{t.replyFiles}</label>
            <input
              id={fileId}
              ref={fileRef}
              className={styles.fileInput}
              type="file"
              multiple
              aria-describedby={fileHintId}
              disabled={busy || !rules.allowed}
              onChange={(e) => setFiles([...(e.target.files ?? [])])}
            />
            <span id={fileHintId} className={styles.hint}>
              {t.replyFilesHint(rules.maxAttachments, maxSize)}
            </span>
          </div>
          <div className={styles.actions}>
            <Button
              type="submit"
              appearance="primary"
              size="large"
              disabledFocusable={busy || !rules.allowed}
            >
              {t.replySend}
            </Button>
            {busy && <Spinner size="tiny" label={t.replySending} />}
          </div>
          <div aria-live="assertive" aria-atomic="true">
            {problem?.kind === 'local' && (
              <MessageBar intent="error">
                <MessageBarBody>{problem.text}</MessageBarBody>
              </MessageBar>
            )}
            {problem && problem.kind !== 'local' && <ProblemBar t={t} problem={problem} />}
          </div>
          <div role="status" aria-live="polite" aria-atomic="true">
            {sent && (
              <MessageBar intent="success">
                <MessageBarBody>
                  {t.replySent}{' '}
                  {rules.remaining > 0 ? t.replyRemaining(rules.remaining) : t.replyUsedUp}
                </MessageBarBody>
              </MessageBar>
            )}
          </div>
        </form>
      ) : (
        <p className={styles.note}>{props.rules.senderAllows ? t.replyUsedUp : t.replyOff}</p>
      )}
      <p className={styles.note}>{t.noForwarding}</p>
    </section>
  );
}
