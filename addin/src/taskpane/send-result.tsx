import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { SubmitMessageResponse } from '@zegel/shared';
import { useEffect, useRef, useState } from 'react';
import type { TaskpaneTexts } from './messages';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalS,
  },
  codes: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    marginBottom: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  ceId: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase500,
    letterSpacing: '0.08em',
  },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export function CopyButton(props: { value: string; texts: TaskpaneTexts; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="small"
      aria-label={`${props.texts.copy}: ${props.label}`}
      onClick={() => {
        navigator.clipboard?.writeText(props.value).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      {copied ? props.texts.copied : props.texts.copy}
    </Button>
  );
}

/** One CE-ID to pass on, large and with a copy button. */
export function CeIdToPassOn(props: { address: string; ceId: string; texts: TaskpaneTexts }) {
  const styles = useStyles();
  return (
    <div>
      <Text size={200}>{props.texts.ceIdFor(props.address)}</Text>
      <div className={styles.row}>
        <output className={styles.ceId} data-ceid-for={props.address}>
          {props.ceId}
        </output>
        <CopyButton
          value={props.ceId}
          texts={props.texts}
          label={props.texts.ceIdFor(props.address)}
        />
      </div>
    </div>
  );
}

/**
 * The outcome per recipient. The CE-IDs the sender passes on come first, and take the focus, so
 * they are read (and heard) before anything else; codes that go by SMS are never shown.
 */
export function SendResult(props: {
  result: SubmitMessageResponse;
  marked: boolean;
  texts: TaskpaneTexts;
  canClose: boolean;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { texts, result } = props;
  const toPassOn = result.recipients.filter((r) => r.ceIdChannel === 'sender' && r.ceId);
  const first = useRef<HTMLElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, [result.id]);
  return (
    <section aria-labelledby="zegel-sent-title" data-message-id={result.id}>
      {toPassOn.length > 0 && (
        <section
          ref={first}
          tabIndex={-1}
          className={styles.codes}
          aria-labelledby="zegel-ceid-title"
          data-zegel-codes
        >
          <Text as="h2" id="zegel-ceid-title" weight="semibold" size={400}>
            {texts.ceIdTitle}
          </Text>
          {toPassOn.map((r) => (
            <CeIdToPassOn key={r.address} address={r.address} ceId={r.ceId!} texts={texts} />
          ))}
          <Text size={200}>{texts.ceIdPassOn}</Text>
        </section>
      )}
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle id="zegel-sent-title">{texts.sentTitle}</MessageBarTitle>
          {texts.sentIntro}
        </MessageBarBody>
      </MessageBar>
      {!props.marked && (
        <MessageBar intent="warning">
          <MessageBarBody>{texts.markFailed}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.list}>
        {result.recipients.map((r) => (
          <li key={r.address}>
            <Text weight="semibold">{r.address}</Text> — {texts.viaRoute[r.route] ?? r.route}
            {r.route === 'pickup' && r.ceIdChannel === 'sms' && (
              <Text size={200}> ({texts.ceIdBySms})</Text>
            )}
          </li>
        ))}
      </ul>
      <Text size={200}>{texts.reference(result.id)}</Text>
      {props.canClose && (
        <div>
          <Button onClick={props.onClose}>{texts.closeDraft}</Button>
        </div>
      )}
    </section>
  );
}
