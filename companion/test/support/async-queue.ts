/**
 * A queue a test awaits item by item, with no timers: what a stream handler pushes, the test
 * takes with `await queue.next()`, in order, however early or late it arrived; `until` skips
 * the items a step is not about.
 */
export function asyncQueue<T>() {
  const arrived: T[] = [];
  const waiting: ((item: T) => void)[] = [];
  const next = (): Promise<T> => {
    const first = arrived.shift();
    return first !== undefined ? Promise.resolve(first) : new Promise((resolve) => waiting.push(resolve));
  };
  return {
    push(item: T) {
      const w = waiting.shift();
      if (w) w(item);
      else arrived.push(item);
    },
    next,
    async until(pick: (item: T) => boolean): Promise<T> {
      for (;;) {
        const item = await next();
        if (pick(item)) return item;
      }
    },
  };
}
