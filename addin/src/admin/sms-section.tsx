import { makeStyles } from '@fluentui/react-components';
import { LinkedText } from '../common/linked-text';
import { useLoad } from '../common/use-load';
import { adminApi } from './admin-api';
import { DataTable } from './data-table';
import { SectionHeader } from './section-header';
import { formatWhen } from './when';
import { WhenLoaded } from './when-loaded';

const useStyles = makeStyles({
  // Auto layout with a floor: on a phone the table scrolls sideways instead of squashing.
  table: { tableLayout: 'auto', minWidth: '640px' },
  nowrap: { whiteSpace: 'nowrap' },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', minWidth: '20em' },
});

/** Text messages (CE-IDs) captured by the outbox SMS provider. */
export function SmsSection() {
  const styles = useStyles();
  const [list, reload] = useLoad(adminApi.smsOutbox);
  return (
    <>
      <SectionHeader
        title="SMS outbox"
        intro="Text messages captured by the outbox SMS provider instead of sent. Newest first."
        onRefresh={reload}
      />
      <WhenLoaded load={list} loading="Loading the SMS outbox…">
        {(messages) =>
          messages.length === 0 ? (
            <p>No text messages.</p>
          ) : (
            <DataTable
              label="Captured text messages"
              className={styles.table}
              rows={messages}
              rowKey={(sms) => sms.id}
              columns={[
                {
                  key: 'date',
                  header: 'Date',
                  cell: (sms) => formatWhen(sms.date),
                  className: styles.nowrap,
                },
                { key: 'to', header: 'To', cell: (sms) => sms.to, className: styles.nowrap },
                {
                  key: 'text',
                  header: 'Text',
                  cell: (sms) => <LinkedText text={sms.text} />,
                  className: styles.text,
                },
              ]}
            />
          )
        }
      </WhenLoaded>
    </>
  );
}
