import { Badge, Link, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { formatBytes } from '../common/format';
import { useLoad } from '../common/use-load';
import { adminApi } from './admin-api';
import { DataTable } from './data-table';
import type { OutboxMailKind } from '@zegel/shared';
import { MailDetail } from './mail-detail';
import { SectionHeader } from './section-header';
import { formatWhen } from './when';
import { WhenLoaded } from './when-loaded';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXL,
    '@media (min-width: 1600px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)' },
  },
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
      <WhenLoaded load={list} loading="Loading the outbox…">
        {(mails) =>
          mails.length === 0 ? (
            <p>The outbox is empty.</p>
          ) : (
            <div className={styles.layout}>
              <DataTable
                label="Captured mail"
                className={styles.table}
                rows={mails}
                rowKey={(mail) => mail.id}
                rowProps={(mail) => ({
                  'aria-selected': mail.id === selected,
                  className: mail.id === selected ? styles.selected : undefined,
                  onClick: () => setSelected(mail.id),
                  'data-kind': mail.kind,
                })}
                columns={[
                  {
                    key: 'date',
                    header: 'Date',
                    cell: (mail) => formatWhen(mail.date),
                    className: styles.nowrap,
                  },
                  {
                    key: 'kind',
                    header: 'Kind',
                    cell: (mail) => (
                      <Badge appearance="tint" color={KIND_COLOUR[mail.kind]}>
                        {mail.kind}
                      </Badge>
                    ),
                  },
                  { key: 'to', header: 'To', cell: (mail) => mail.to.join(', ') },
                  {
                    key: 'subject',
                    header: 'Subject',
                    cell: (mail) => (
                      <Link
                        as="button"
                        className={styles.subject}
                        onClick={() => setSelected(mail.id)}
                      >
                        {mail.subject || '(no subject)'}
                      </Link>
                    ),
                  },
                  {
                    key: 'size',
                    header: 'Size',
                    cell: (mail) => formatBytes(mail.size),
                    className: styles.nowrap,
                  },
                ]}
              />
              {selected ? (
                <MailDetail id={selected} />
              ) : (
                <p>Select a mail to read its headers and text.</p>
              )}
            </div>
          )
        }
      </WhenLoaded>
    </>
  );
}
