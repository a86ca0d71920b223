import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ClassificationInput, ClassificationView } from '@zegel/shared';
import { useState } from 'react';
import { ApiError } from '../../common/api-client';
import { useLoad } from '../../common/use-load';
import { useAdminLanguage, useTexts } from '../admin-language';
import { DataTable } from '../data-table';
import { LoadProblem } from '../load-problem';
import { SectionHeader } from '../section-header';
import { WhenLoaded } from '../when-loaded';
import { ClassificationForm } from './classification-form';
import { classificationsApi } from './classifications-api';
import { CLASSIFICATION_MESSAGES } from './classifications.messages';

const useStyles = makeStyles({
  stack: { display: 'grid', gap: tokens.spacingVerticalXL },
  table: { tableLayout: 'auto', minWidth: '720px' },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

/** Classifications: the built-in four and the organisation's own, each with its route. */
export function ClassificationsSection() {
  const styles = useStyles();
  const t = useTexts(CLASSIFICATION_MESSAGES);
  const language = useAdminLanguage();
  const [list, reload] = useLoad(classificationsApi.list);
  const [editing, setEditing] = useState<{ item: ClassificationView | null } | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ intent: 'success' | 'warning'; text: string } | null>(
    null,
  );
  const [failure, setFailure] = useState<unknown>(null);

  const save = async (input: ClassificationInput) => {
    setProblems({});
    setFailure(null);
    try {
      const item = editing?.item;
      const saved = item
        ? await classificationsApi.update(item.id, item.version, input)
        : await classificationsApi.create(input);
      setNotice({ intent: 'success', text: t.saved(saved.label[language]) });
      setEditing(null);
      reload();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setNotice({ intent: 'warning', text: t.conflict });
        setEditing(null);
        reload();
      } else if (error instanceof ApiError && error.status === 400) {
        setProblems(Object.fromEntries(error.details.map((d) => [d.path, d.message])));
      } else setFailure(error);
    }
  };
  const open = (item: ClassificationView | null) => {
    setProblems({});
    setNotice(null);
    setEditing({ item });
  };

  return (
    <div className={styles.stack}>
      <div>
        <SectionHeader
          title={t.title}
          intro={t.intro}
          actions={
            <Button appearance="primary" onClick={() => open(null)}>
              {t.add}
            </Button>
          }
        />
        <div role="status">
          {notice && (
            <MessageBar intent={notice.intent} layout="multiline">
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          )}
        </div>
        {failure !== null && <LoadProblem error={failure} />}
      </div>
      {editing && (
        <ClassificationForm
          key={editing.item ? `${editing.item.id}:${editing.item.version}` : 'new'}
          editing={editing.item}
          problems={problems}
          onSave={(input) => void save(input)}
          onCancel={() => setEditing(null)}
        />
      )}
      <WhenLoaded load={list} loading={t.loading}>
        {(items) => (
          <DataTable
            label={t.tableLabel}
            className={styles.table}
            rows={items}
            rowKey={(c) => c.id}
            rowProps={(c) => ({ 'data-classification': c.id })}
            columns={[
              {
                key: 'name',
                header: t.name,
                cell: (c) => (
                  <>
                    {c.label[language]}{' '}
                    {c.builtIn && (
                      <Badge appearance="outline" color="informative">
                        {t.builtIn}
                      </Badge>
                    )}
                    <div>{c.description[language]}</div>
                  </>
                ),
              },
              { key: 'id', header: t.id, cell: (c) => c.id, className: styles.code },
              { key: 'route', header: t.route, cell: (c) => t.routes[c.routeAs] },
              { key: 'colour', header: t.colour, cell: (c) => c.colour },
              {
                key: 'purview',
                header: t.purview,
                cell: (c) => c.purviewLabelId ?? t.none,
                className: styles.code,
              },
              {
                key: 'edit',
                cell: (c) => (
                  <Button
                    size="small"
                    aria-label={t.edit(c.label[language])}
                    onClick={() => open(c)}
                  >
                    {t.editShort}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </WhenLoaded>
    </div>
  );
}
