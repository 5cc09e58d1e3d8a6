import { useEffect, useState } from 'react';

/**
 * With `wait`, false in a component's first render and true from the render after the browser
 * has painted it; without, true from the start, and no second render. Preact runs effects
 * after the next frame (`requestAnimationFrame`, then a task), so the effect below runs once
 * the first render is on screen: a page can paint what matters first, alone, and the rest
 * right after.
 */
export function useAfterFirstPaint(wait: boolean): boolean {
  const [painted, setPainted] = useState(!wait);
  useEffect(() => {
    if (wait) setPainted(true);
  }, [wait]);
  return painted;
}
