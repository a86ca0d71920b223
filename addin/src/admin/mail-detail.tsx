import { Caption1, Link, Spinner, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import { LinkedText } from '../common/linked-text';
import { useLoad } from '../common/use-load';
import { adminApi } from './admin-api';
import { LoadProblem } from './load-problem';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  headers: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  row: { display: 'contents' },
  name: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  text: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** One captured mail: its headers and readable text, links clickable. */
export function MailDetail({ id }: { id: string }) {
  const styles = useStyles();
  const load = useCallback(() => adminApi.outboxMail(id), [id]);
  const [raw] = useLoad(load);
  const message = raw.status === 'done' ? raw.data : null;
  if (raw.status === 'loading') return <Spinner size="small" label="Loading the mail…" />;
  if (raw.status === 'failed') return <LoadProblem error={raw.error} />;
  if (!message) return null;
  return (
    <section className={styles.root} aria-label="Selected mail">
      <Subtitle2 as="h2">Headers</Subtitle2>
      <dl className={styles.headers}>
        {message.headers.map((header, i) => (
          <div key={i} className={styles.row}>
            <dt className={styles.name}>{header.name}</dt>
            <dd className={styles.value}>
              <LinkedText text={header.value} />
            </dd>
          </div>
        ))}
      </dl>
      {message.attachments.length > 0 && (
        <Caption1>Attachments: {message.attachments.join(', ')}</Caption1>
      )}
      <Subtitle2 as="h2">Text</Subtitle2>
      <pre className={styles.text} data-testid="mail-text">
        <LinkedText text={message.text} />
      </pre>
      <Link
        href={`/api/v1/admin/outbox/${encodeURIComponent(id)}`}
        target="_blank"
        rel="noopener noreferrer"
      >
        Raw message
      </Link>
    </section>
  );
}
