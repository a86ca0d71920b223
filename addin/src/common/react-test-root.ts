import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';

// React warns about updates outside act() unless the environment says it is a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * For the tests of the describe block that calls it: a React root in a fresh container attached to
 * the document before each test, unmounted and removed after it. Read `container` and `root`
 * inside the tests (each test gets new ones).
 */
export function reactTestRoot(): { readonly container: HTMLDivElement; readonly root: Root } {
  const current = {} as { container: HTMLDivElement; root: Root };
  beforeEach(() => {
    current.container = document.createElement('div');
    document.body.appendChild(current.container);
    current.root = createRoot(current.container);
  });
  afterEach(() => {
    act(() => current.root.unmount());
    current.container.remove();
  });
  return current;
}
