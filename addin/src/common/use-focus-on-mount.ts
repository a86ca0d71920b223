import { useEffect, useRef } from 'react';

/**
 * Moves focus to an element when it appears, so keyboard and screen-reader users land on the new
 * content after the page changes under them (give the element tabIndex={-1}).
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
