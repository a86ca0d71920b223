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
import { useState } from 'react';
import type { TaskpaneTexts } from './messages';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalS,
  },
  ceId: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase500,
    letterSpacing: '0.08em',
  },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

function CopyButton(props: { value: string; texts: TaskpaneTexts; label: string }) {
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

/** The outcome per recipient, with the CE-ID where the sender passes it on. */
export function SendResult(props: {
  result: SubmitMessageResponse;
  marked: boolean;
  texts: TaskpaneTexts;
  canClose: boolean;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { texts, result } = props;
  return (
    <section aria-labelledby="zegel-sent-title" data-message-id={result.id}>
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
            {r.ceId && (
              <div>
                <Text size={200}>{texts.ceIdFor(r.address)}</Text>
                <div className={styles.row}>
                  <output className={styles.ceId} data-ceid-for={r.address}>
                    {r.ceId}
                  </output>
                  <CopyButton value={r.ceId} texts={texts} label={texts.ceIdFor(r.address)} />
                </div>
                <Text size={200}>{texts.ceIdPassOn}</Text>
              </div>
            )}
            {!r.ceId && r.route === 'pickup' && r.ceIdChannel === 'sms' && (
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
