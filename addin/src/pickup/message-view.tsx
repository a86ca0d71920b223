import {
  Link,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { PickupMessageView } from '@zegel/shared';
import type { Language } from '../common/i18n';
import { AttachmentList } from './attachment-list';
import { IntegrityProof } from './integrity-proof';
import { MessageBody } from './message-body';
import { MessageHeader } from './message-header';
import type { PickupTexts } from './messages';
import type { Problem } from './pickup-state';
import { RespondBar } from './respond-bar';
import { ReplyForm } from './reply-form';
import { formatTimeWithZone } from './format-time';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
});

export interface MessageViewProps {
  t: PickupTexts;
  language: Language;
  view: PickupMessageView;
  notice?: 'accepted';
  busy: boolean;
  respondProblem: Problem | null;
  attachmentUrl: (index: number) => string;
  /** The URL of an inline (`cid:`) image of this message. */
  inlineUrl: (index: number) => string;
  emlUrl: string;
  onRespond: (answer: 'accept' | 'decline') => void;
  onReply: (text: string, files: File[]) => Promise<unknown>;
}

/** The unlocked message: header, body, attachments, downloads, proof and the answer buttons. */
export function MessageView(props: MessageViewProps) {
  const { t, language, view } = props;
  const styles = useStyles();
  const accepted = props.notice === 'accepted' || view.state === 'accepted';
  return (
    <article className={styles.root}>
      <MessageHeader t={t} language={language} view={view} />
      <div role="status" aria-live="polite">
        {accepted && (
          <MessageBar intent="success">
            <MessageBarBody>
              {props.notice === 'accepted' ? t.accepted : t.alreadyAccepted}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <MessageBody
        t={t}
        html={view.html}
        text={view.text}
        remoteImages={view.remoteImages}
        partUrl={props.inlineUrl}
      />
      <section className={styles.section}>
        <Subtitle2 as="h2" className={styles.heading}>
          {t.attachments}
        </Subtitle2>
        <AttachmentList
          t={t}
          language={language}
          attachments={view.attachments}
          urlOf={props.attachmentUrl}
        />
        <Link href={props.emlUrl} download>
          {t.downloadEml}
        </Link>
      </section>
      <IntegrityProof t={t} view={view} />
      <ReplyForm
        t={t}
        language={language}
        rules={view.reply}
        onSend={(text, files) => props.onReply(text, files)}
      />
      {view.canRespond && (
        <RespondBar
          t={t}
          acceptMeans={
            new Date(view.availableAfterAccept) > new Date(Date.now() + 60_000)
              ? t.acceptMeans(formatTimeWithZone(view.availableAfterAccept, language))
              : t.acceptMeansNow
          }
          busy={props.busy}
          problem={props.respondProblem}
          onRespond={props.onRespond}
        />
      )}
    </article>
  );
}
