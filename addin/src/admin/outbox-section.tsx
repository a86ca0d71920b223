import {
  Badge,
  Link,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { formatBytes } from '../common/format';
import { useLoad } from '../common/use-load';
import { adminApi } from './admin-api';
import type { OutboxMailKind } from '@zegel/shared';
import { LoadProblem } from './load-problem';
import { MailDetail } from './mail-detail';
import { SectionHeader } from './section-header';
import { formatWhen } from './when';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXL,
    '@media (min-width: 1600px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)' },
  },
  tableWrap: { overflowX: 'auto' },
  // Auto layout with a floor: on a phone the table scrolls sideways instead of squashing.
  table: { tableLayout: 'auto', minWidth: '640px' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  subject: { textAlign: 'start', minWidth: '12em' },
  nowrap: { whiteSpace: 'nowrap' },
});

const KIND_COLOUR: Record<OutboxMailKind, 'brand' | 'success' | 'danger' | 'informative'> = {
  notification: 'brand',
  receipt: 'success',
  dsn: 'danger',
  other: 'informative',
};

/** The local outbox: mail the embedded default captured instead of sending. */
export function OutboxSection() {
  const styles = useStyles();
  const [list, reload] = useLoad(adminApi.outbox);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <SectionHeader
        title="Outbox"
        intro="Mail that was captured instead of sent (outbound mode: capture). Newest first."
        onRefresh={reload}
      />
      {list.status === 'loading' && <Spinner label="Loading the outbox…" />}
      {list.status === 'failed' && <LoadProblem error={list.error} />}
      {list.status === 'done' && list.data.length === 0 && <p>The outbox is empty.</p>}
      {list.status === 'done' && list.data.length > 0 && (
        <div className={styles.layout}>
          <div className={styles.tableWrap}>
            <Table aria-label="Captured mail" size="small" className={styles.table}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Date</TableHeaderCell>
                  <TableHeaderCell>Kind</TableHeaderCell>
                  <TableHeaderCell>To</TableHeaderCell>
                  <TableHeaderCell>Subject</TableHeaderCell>
                  <TableHeaderCell>Size</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.map((mail) => (
                  <TableRow
                    key={mail.id}
                    aria-selected={mail.id === selected}
                    className={mail.id === selected ? styles.selected : undefined}
                    onClick={() => setSelected(mail.id)}
                    data-kind={mail.kind}
                  >
                    <TableCell className={styles.nowrap}>{formatWhen(mail.date)}</TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={KIND_COLOUR[mail.kind]}>
                        {mail.kind}
                      </Badge>
                    </TableCell>
                    <TableCell>{mail.to.join(', ')}</TableCell>
                    <TableCell>
                      <Link
                        as="button"
                        className={styles.subject}
                        onClick={() => setSelected(mail.id)}
                      >
                        {mail.subject || '(no subject)'}
                      </Link>
                    </TableCell>
                    <TableCell className={styles.nowrap}>{formatBytes(mail.size)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {selected ? (
            <MailDetail id={selected} />
          ) : (
            <p>Select a mail to read its headers and text.</p>
          )}
        </div>
      )}
    </>
  );
}
