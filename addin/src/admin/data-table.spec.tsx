import { act } from 'react';
import { reactTestRoot } from '../common/react-test-root';
import { ApiError } from '../common/api-client';
import type { Load } from '../common/use-load';
import { DataTable } from './data-table';
import { WhenLoaded } from './when-loaded';

type Row = { id: string; n: number };

describe('DataTable and WhenLoaded', () => {
  const dom = reactTestRoot();

  it('names the table and its scroll region, and fills one row per item', () => {
    const clicked: string[] = [];
    act(() =>
      dom.root.render(
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
    const region = dom.container.querySelector('[role="region"]')!;
    expect(region.getAttribute('aria-label')).toBe('Figures, scrolling');
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(dom.container.querySelector('table')!.getAttribute('aria-label')).toBe('Figures');
    expect([...dom.container.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Id',
      'N',
    ]);
    const rows = [...dom.container.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['a', 'b']);
    expect(rows.map((r) => r.textContent)).toEqual(['a1@0', 'b2@1']);
    expect(rows[1].querySelectorAll('td')[1].classList.contains('num')).toBe(true);
    act(() => (rows[1] as HTMLElement).click());
    expect(clicked).toEqual(['b']);
  });

  const show = (load: Load<number> | null) => {
    act(() =>
      dom.root.render(
        <WhenLoaded load={load} loading="Loading figures">
          {(n) => <p>Got {n}</p>}
        </WhenLoaded>,
      ),
    );
    return dom.container.textContent ?? '';
  };

  it('shows a spinner, then the data, or the problem; nothing before a first load', () => {
    expect(show(null)).toBe('');
    expect(show({ status: 'loading' })).toContain('Loading figures');
    expect(show({ status: 'done', data: 7 })).toBe('Got 7');
    const failed = show({ status: 'failed', error: new ApiError(500, 'INTERNAL', 'Boom', 'c-1') });
    expect(failed).toContain('Boom (reference c-1)');
    expect(dom.container.querySelector('[role="alert"]')).not.toBeNull();
  });
});
