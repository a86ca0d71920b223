import {
  Button,
  MessageBar,
  MessageBarBody,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { MailFlowRuleInput, MailFlowRuleView } from '@zegel/shared';
import { useCallback, useState } from 'react';
import { ApiError } from '../../common/api-client';
import { useLoad } from '../../common/use-load';
import { useAdminLanguage, useTexts } from '../admin-language';
import { DataTable } from '../data-table';
import { LoadProblem } from '../load-problem';
import { SectionHeader } from '../section-header';
import { WhenLoaded } from '../when-loaded';
import { ExchangeExport } from './exchange-export';
import { RuleForm } from './rule-form';
import { EMPTY_RULE_FORM, formFromRule, problemsByField } from './rule-form.state';
import { RulePreview, conditionLabels } from './rule-preview';
import { rulesApi } from './rules-api';
import { RULES_MESSAGES } from './rules.messages';

const useStyles = makeStyles({
  stack: { display: 'grid', gap: tokens.spacingVerticalXXL },
  table: { tableLayout: 'auto', minWidth: '720px' },
  conditions: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

type Editing = { rule: MailFlowRuleView | null } | null;

/** Mail-flow rules: the ordered list, a form to add or change one, a preview and the export. */
export function RulesSection() {
  const styles = useStyles();
  const t = useTexts(RULES_MESSAGES);
  const language = useAdminLanguage();
  const [list, reload] = useLoad(rulesApi.list);
  const [classes] = useLoad(rulesApi.classifications);
  const [editing, setEditing] = useState<Editing>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ intent: 'success' | 'warning'; text: string } | null>(
    null,
  );
  const [failure, setFailure] = useState<unknown>(null);

  /** Runs a change; a 409 reloads the list and says why nothing was saved. */
  const change = useCallback(
    async (work: () => Promise<string | void>): Promise<boolean> => {
      setFailure(null);
      try {
        const done = await work();
        if (done) setNotice({ intent: 'success', text: done });
        reload();
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          setNotice({ intent: 'warning', text: t.conflict });
          reload();
        } else if (error instanceof ApiError && error.status === 400) {
          setProblems(problemsByField(error.details));
        } else setFailure(error);
        return false;
      }
    },
    [reload, t],
  );

  const save = async (input: MailFlowRuleInput) => {
    setSaving(true);
    setProblems({});
    const rule = editing?.rule;
    const ok = await change(async () => {
      const saved = rule
        ? await rulesApi.replace(rule.id, rule.version, input)
        : await rulesApi.create(input);
      return t.saved(saved.name);
    });
    setSaving(false);
    if (ok) setEditing(null);
  };

  const rules = list.status === 'done' ? list.data : [];
  const move = (index: number, by: -1 | 1) => {
    const order = rules.map((r) => ({ id: r.id, version: r.version }));
    const [item] = order.splice(index, 1);
    order.splice(index + by, 0, item);
    void change(async () => {
      await rulesApi.reorder(order);
    });
  };
  const toggle = (rule: MailFlowRuleView, enabled: boolean) =>
    void change(async () => {
      const { name, conditions, classification, position } = rule;
      await rulesApi.replace(rule.id, rule.version, {
        name,
        conditions,
        classification,
        position,
        enabled,
      });
    });
  const remove = (rule: MailFlowRuleView) => {
    if (!window.confirm(t.confirmRemove(rule.name))) return;
    void change(async () => {
      await rulesApi.remove(rule.id, rule.version);
      return t.removed(rule.name);
    });
  };
  const classifications = classes.status === 'done' ? classes.data : [];
  const labelOf = (id: string) => classifications.find((c) => c.id === id)?.label[language] ?? id;

  return (
    <div className={styles.stack}>
      <div>
        <SectionHeader
          title={t.title}
          intro={t.intro}
          actions={
            <Button
              appearance="primary"
              onClick={() => {
                setProblems({});
                setNotice(null);
                setEditing({ rule: null });
              }}
            >
              {t.newRule}
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
      {editing && classes.status === 'done' && (
        <RuleForm
          key={editing.rule ? `${editing.rule.id}:${editing.rule.version}` : 'new'}
          editing={editing.rule?.name ?? null}
          initial={editing.rule ? formFromRule(editing.rule) : EMPTY_RULE_FORM}
          classifications={classifications}
          problems={problems}
          saving={saving}
          onSave={(input) => void save(input)}
          onCancel={() => setEditing(null)}
        />
      )}
      <WhenLoaded load={list} loading={t.loading}>
        {(rules) =>
          rules.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <DataTable
              label={t.tableLabel}
              className={styles.table}
              rows={rules}
              rowKey={(rule) => rule.id}
              rowProps={(rule) => ({ 'data-rule': rule.name })}
              columns={[
                {
                  key: 'order',
                  header: t.order,
                  cell: (rule, index) => (
                    <div className={styles.actions}>
                      <span>{index + 1}</span>
                      <Button
                        size="small"
                        aria-label={t.moveUp(rule.name)}
                        disabled={index === 0}
                        onClick={() => move(index, -1)}
                      >
                        ↑
                      </Button>
                      <Button
                        size="small"
                        aria-label={t.moveDown(rule.name)}
                        disabled={index === rules.length - 1}
                        onClick={() => move(index, 1)}
                      >
                        ↓
                      </Button>
                    </div>
                  ),
                },
                { key: 'name', header: t.name, cell: (rule) => rule.name },
                {
                  key: 'conditions',
                  header: t.conditions,
                  cell: (rule) => (
                    <ul className={styles.conditions}>
                      {conditionLabels(rule, t).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  ),
                },
                {
                  key: 'classification',
                  header: t.classification,
                  cell: (rule) => labelOf(rule.classification),
                },
                {
                  key: 'enabled',
                  header: t.enabled,
                  cell: (rule) => (
                    <Switch
                      checked={rule.enabled}
                      aria-label={t.enabledLabel(rule.name)}
                      onChange={(_e, d) => toggle(rule, d.checked)}
                    />
                  ),
                },
                {
                  key: 'actions',
                  header: t.actions,
                  cell: (rule) => (
                    <div className={styles.actions}>
                      <Button
                        size="small"
                        aria-label={t.edit(rule.name)}
                        onClick={() => {
                          setProblems({});
                          setNotice(null);
                          setEditing({ rule });
                        }}
                      >
                        {t.editShort}
                      </Button>
                      <Button
                        size="small"
                        aria-label={t.remove(rule.name)}
                        onClick={() => remove(rule)}
                      >
                        {t.removeShort}
                      </Button>
                    </div>
                  ),
                },
              ]}
            />
          )
        }
      </WhenLoaded>
      <RulePreview rules={rules} classifications={classifications} onPreview={rulesApi.preview} />
      <ExchangeExport load={rulesApi.exchangeScript} />
    </div>
  );
}
