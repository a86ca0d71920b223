import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ApiError } from '../common/api-client';
import type { Load } from '../common/use-load';
import { DataTable } from './data-table';
import { WhenLoaded } from './when-loaded';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Row = { id: string; n: number };

describe('DataTable and WhenLoaded', () => {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('names the table and its scroll region, and fills one row per item', () => {
    const clicked: string[] = [];
    act(() =>
      root.render(
        <DataTable<Row>
          label="Figures"
          scrollLabel="Figures, scrolling"
          rows={[
            { id: 'a', n: 1 },
            { id: 'b', n: 2 },
          ]}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ 'data-id': r.id, onClick: () => clicked.push(r.id) })}
          columns={[
            { key: 'id', header: 'Id', cell: (r) => r.id },
            { key: 'n', header: 'N', cell: (r, i) => `${r.n}@${i}`, className: 'num' },
          ]}
        />,
      ),
    );
    const region = container.querySelector('[role="region"]')!;
    expect(region.getAttribute('aria-label')).toBe('Figures, scrolling');
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(container.querySelector('table')!.getAttribute('aria-label')).toBe('Figures');
    expect([...container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Id', 'N']);
    const rows = [...container.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['a', 'b']);
    expect(rows.map((r) => r.textContent)).toEqual(['a1@0', 'b2@1']);
    expect(rows[1].querySelectorAll('td')[1].classList.contains('num')).toBe(true);
    act(() => (rows[1] as HTMLElement).click());
    expect(clicked).toEqual(['b']);
  });

  const show = (load: Load<number> | null) => {
    act(() =>
      root.render(
        <WhenLoaded load={load} loading="Loading figures">
          {(n) => <p>Got {n}</p>}
        </WhenLoaded>,
      ),
    );
    return container.textContent ?? '';
  };

  it('shows a spinner, then the data, or the problem; nothing before a first load', () => {
    expect(show(null)).toBe('');
    expect(show({ status: 'loading' })).toContain('Loading figures');
    expect(show({ status: 'done', data: 7 })).toBe('Got 7');
    const failed = show({ status: 'failed', error: new ApiError(500, 'INTERNAL', 'Boom', 'c-1') });
    expect(failed).toContain('Boom (reference c-1)');
    expect(container.querySelector('[role="alert"]')).not.toBeNull();
  });
});
