import { Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Load } from '../common/use-load';
import { LoadProblem } from './load-problem';

/**
 * What a load shows: a spinner while it runs, the problem when it failed, else `children` with
 * the data. `null` (nothing asked yet) shows nothing.
 */
export function WhenLoaded<T>({
  load,
  loading,
  children,
}: {
  load: Load<T> | null;
  /** The spinner's label: what is being loaded. */
  loading: string;
  children: (data: T) => ReactNode;
}) {
  if (load === null) return null;
  if (load.status === 'loading') return <Spinner label={loading} />;
  if (load.status === 'failed') return <LoadProblem error={load.error} />;
  return <>{children(load.data)}</>;
}
