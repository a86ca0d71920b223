import {
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
} from '@fluentui/react-components';
import { LinkedText } from '../common/linked-text';
import { useLoad } from '../common/use-load';
import { adminApi } from './admin-api';
import { LoadProblem } from './load-problem';
import { SectionHeader } from './section-header';
import { formatWhen } from './when';

const useStyles = makeStyles({
  tableWrap: { overflowX: 'auto' },
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
      {list.status === 'loading' && <Spinner label="Loading the SMS outbox…" />}
      {list.status === 'failed' && <LoadProblem error={list.error} />}
      {list.status === 'done' && list.data.length === 0 && <p>No text messages.</p>}
      {list.status === 'done' && list.data.length > 0 && (
        <div className={styles.tableWrap}>
          <Table aria-label="Captured text messages" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Date</TableHeaderCell>
                <TableHeaderCell>To</TableHeaderCell>
                <TableHeaderCell>Text</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.map((sms) => (
                <TableRow key={sms.id}>
                  <TableCell className={styles.nowrap}>{formatWhen(sms.date)}</TableCell>
                  <TableCell className={styles.nowrap}>{sms.to}</TableCell>
                  <TableCell className={styles.text}>
                    <LinkedText text={sms.text} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
