import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ApiError } from '../common/api-client';
import { useTexts } from './admin-language';
import { SHELL_MESSAGES } from './shell.messages';

/** A failed admin call: sign-in for 401/403, else the error and its correlation id. */
export function LoadProblem({ error }: { error: unknown }) {
  const t = useTexts(SHELL_MESSAGES);
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    return (
      <MessageBar intent="warning" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{t.signInTitle}</MessageBarTitle>
          {t.signInText}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const detail =
    error instanceof ApiError
      ? error.status === 0
        ? t.unreachable
        : `${error.message}${error.correlationId ? ` (${t.reference(error.correlationId)})` : ''}`
      : String(error);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t.loadFailed}</MessageBarTitle>
        {detail}
      </MessageBarBody>
    </MessageBar>
  );
}
