import { Caption1, Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useId } from 'react';
import type { ClassificationInfo } from '@zegel/shared';
import type { Language } from '../common/i18n';
import type { TaskpaneTexts } from './messages';

/**
 * The labels as radio buttons: one tab stop, arrow keys to move, the name read out with its state
 * and the organisation's description (from the server, in the user's language) as its description.
 */
export function ClassificationPicker(props: {
  labels: readonly ClassificationInfo[];
  value: string | undefined;
  language: Language;
  texts: TaskpaneTexts;
  disabled: boolean;
  /** What happened to the last choice (saved, not persisted, …), announced politely. */
  status: { text: string; intent: 'success' | 'warning' | 'error' | 'none' } | null;
  onPick: (label: ClassificationInfo) => void;
}) {
  const { texts, language } = props;
  const idBase = useId();
  return (
    <Field
      label={texts.classification}
      hint={texts.classificationHint}
      validationState={props.status?.intent ?? 'none'}
      validationMessage={props.status?.text}
      validationMessageIcon={props.status?.intent === 'none' ? null : undefined}
    >
      <RadioGroup
        value={props.value ?? ''}
        disabled={props.disabled}
        onChange={(_event, data) => {
          const label = props.labels.find((l) => l.id === data.value);
          if (label) props.onPick(label);
        }}
      >
        {props.labels.map((label) => {
          const name = label.label[language] || label.label.en;
          const description = label.description?.[language] || label.description?.en;
          const nameId = `${idBase}-${label.id}-name`;
          const descriptionId = `${idBase}-${label.id}-description`;
          return (
            <Radio
              key={label.id}
              value={label.id}
              input={
                description
                  ? { 'aria-labelledby': nameId, 'aria-describedby': descriptionId }
                  : undefined
              }
              label={
                description ? (
                  <>
                    <span id={nameId}>{name}</span>
                    <Caption1 as="span" block id={descriptionId}>
                      {description}
                    </Caption1>
                  </>
                ) : (
                  name
                )
              }
            />
          );
        })}
      </RadioGroup>
    </Field>
  );
}
