import { Field, Radio, RadioGroup } from '@fluentui/react-components';
import type { ClassificationInfo } from '@zegel/shared';
import type { Language } from '../common/i18n';
import type { TaskpaneTexts } from './messages';

/** The labels as radio buttons: one tab stop, arrow keys to move, the name read out with its state. */
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
  const { texts } = props;
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
        {props.labels.map((label) => (
          <Radio
            key={label.id}
            value={label.id}
            label={label.label[props.language] ?? label.label.en}
          />
        ))}
      </RadioGroup>
    </Field>
  );
}
