import { useEffect, useState } from 'react';

/**
 * False in a component's first render, true from the render after the browser has painted it.
 * Preact runs effects after the next frame (`requestAnimationFrame`, then a task), so the
 * effect below runs once the first render is on screen: a page can paint what matters first,
 * alone, and render the rest right after.
 */
export function usePainted(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => setPainted(true), []);
  return painted;
}
