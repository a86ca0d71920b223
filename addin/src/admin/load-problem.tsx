import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ApiError } from '../common/api-client';

/** A failed admin call: sign-in for 401/403, else the error and its correlation id. */
export function LoadProblem({ error }: { error: unknown }) {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    return (
      <MessageBar intent="warning" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>Sign-in required</MessageBarTitle>
          You need to be signed in as an administrator to see this page.
        </MessageBarBody>
      </MessageBar>
    );
  }
  const detail =
    error instanceof ApiError
      ? error.status === 0
        ? 'The server cannot be reached.'
        : `${error.message}${error.correlationId ? ` (reference ${error.correlationId})` : ''}`
      : String(error);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>Could not load</MessageBarTitle>
        {detail}
      </MessageBarBody>
    </MessageBar>
  );
}
