import { Badge, Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import type {
  MessageStatusResponse,
  MessageSummary,
  NewCodeResponse,
  RecipientStatus,
  RevokeResponse,
} from '@zegel/shared';
import { EVENT_WORDING } from '@zegel/shared';
import { useCallback, useState } from 'react';
import { formatDateTime } from '../common/format';
import type { Language } from '../common/i18n';
import { useLoad } from '../common/use-load';
import type { TaskpaneTexts } from '../taskpane/messages';
import { CeIdToPassOn } from '../taskpane/send-result';
import { RevokeButton } from './revoke-button';
import { canIssueNewCode, stateColor } from './sent-state';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalM,
  },
  item: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  recipient: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    alignItems: 'center',
  },
  address: { wordBreak: 'break-all' },
  events: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  subject: { wordBreak: 'break-word' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export interface SentApi {
  list(): Promise<MessageSummary[]>;
  status(id: string): Promise<MessageStatusResponse>;
  revoke(id: string): Promise<RevokeResponse>;
  newCode(id: string, address: string): Promise<NewCodeResponse>;
}

function Receipts(props: { api: SentApi; id: string; language: Language }) {
  const styles = useStyles();
  const load = useCallback(() => props.api.status(props.id), [props.api, props.id]);
  const [state] = useLoad(load);
  if (state.status === 'loading') return <Spinner size="tiny" />;
  if (state.status === 'failed') return <Text role="alert">{String(state.error)}</Text>;
  return (
    <ol className={styles.events}>
      {state.data.events.map((event) => (
        <li key={event.id}>
          <Text size={200}>
            {formatDateTime(event.time, props.language)} —{' '}
            {event.recipient
              ? `${event.recipient} ${EVENT_WORDING[event.type]?.[props.language] ?? event.type}`
              : (EVENT_WORDING[event.type]?.[props.language] ?? event.type)}
          </Text>
        </li>
      ))}
    </ol>
  );
}

const REVOCABLE = new Set<RecipientStatus['state']>(['pending', 'notified', 'locked']);

/** "Issue a new code" for one recipient, and what became of it. */
function NewCode(props: {
  api: SentApi;
  id: string;
  recipient: RecipientStatus;
  texts: TaskpaneTexts;
  describe: (error: unknown) => string;
}) {
  const { texts, recipient } = props;
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<NewCodeResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        size="small"
        disabled={busy}
        aria-label={texts.newCodeFor(recipient.address)}
        onClick={() => {
          setBusy(true);
          setError(null);
          props.api.newCode(props.id, recipient.address).then(
            (answer) => {
              setOutcome(answer);
              setBusy(false);
            },
            (e: unknown) => {
              setError(props.describe(e));
              setBusy(false);
            },
          );
        }}
      >
        {texts.newCode}
      </Button>
      <span role="status">
        {outcome?.ceId && (
          <>
            <CeIdToPassOn address={outcome.address} ceId={outcome.ceId} texts={texts} />
            <Text size={200}>{texts.newCodeShown}</Text>
          </>
        )}
        {outcome && !outcome.ceId && (
          <Text size={200}>
            {outcome.ceIdChannel === 'sms'
              ? texts.newCodeBySms(outcome.address)
              : texts.newCodeByMail(outcome.address)}
          </Text>
        )}
      </span>
      {error && <Text role="alert">{error}</Text>}
    </>
  );
}

/** The user's recent registered mails, their state per recipient, and the receipts on request. */
export function SentView(props: {
  api: SentApi;
  language: Language;
  texts: TaskpaneTexts;
  describe: (error: unknown) => string;
}) {
  const styles = useStyles();
  const { texts } = props;
  const load = useCallback(() => props.api.list(), [props.api]);
  const [state, reload] = useLoad(load);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="zegel-sent-list-title">
      <div className={styles.header}>
        <Text as="h2" id="zegel-sent-list-title" weight="semibold" size={400}>
          {texts.sentListTitle}
        </Text>
        <Button size="small" appearance="subtle" onClick={reload}>
          {texts.reload}
        </Button>
      </div>
      {state.status === 'loading' && <Spinner size="tiny" label={texts.loading} />}
      {state.status === 'failed' && <Text role="alert">{props.describe(state.error)}</Text>}
      {state.status === 'done' && state.data.length === 0 && <Text>{texts.sentEmpty}</Text>}
      {state.status === 'done' && state.data.length > 0 && (
        <ul className={styles.list}>
          {state.data.map((message) => (
            <li key={message.id} className={styles.item} data-message-id={message.id}>
              <Text as="h3" weight="semibold" className={styles.subject}>
                {message.subject ?? texts.noSubject}
              </Text>
              <Text size={200}>
                {texts.sentAt} {formatDateTime(message.createdAt, props.language)} ·{' '}
                {message.classification}
                {message.content === 'deleted' ? ` · ${texts.contentDeleted}` : ''}
              </Text>
              {message.recipients.map((r) => (
                <span key={r.address} className={styles.recipient}>
                  <span className={styles.address}>{r.address}</span>
                  <Badge appearance="tint" color={stateColor(r.state)}>
                    {texts.state[r.state] ?? r.state}
                  </Badge>
                  <Text size={200}>{texts.viaRoute[r.route] ?? r.route}</Text>
                  {canIssueNewCode(r) && message.content === 'stored' && (
                    <NewCode
                      api={props.api}
                      id={message.id}
                      recipient={r}
                      texts={texts}
                      describe={props.describe}
                    />
                  )}
                </span>
              ))}
              <div className={styles.actions}>
                {message.content === 'stored' &&
                  message.recipients.some((r) => REVOCABLE.has(r.state)) && (
                    <RevokeButton
                      texts={texts}
                      describe={props.describe}
                      revoke={() => props.api.revoke(message.id)}
                      onDone={reload}
                    />
                  )}
                <Button
                  size="small"
                  aria-expanded={open === message.id}
                  onClick={() => setOpen(open === message.id ? null : message.id)}
                >
                  {open === message.id ? texts.hideDetails : texts.details}
                </Button>
              </div>
              {open === message.id && (
                <Receipts api={props.api} id={message.id} language={props.language} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
