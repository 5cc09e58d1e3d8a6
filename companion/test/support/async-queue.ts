/**
 * A queue a test awaits item by item, with no timers: what a stream handler pushes, the test
 * takes with `await queue.next()`, in order, however early or late it arrived.
 */
export function asyncQueue<T>() {
  const arrived: T[] = [];
  const waiting: ((item: T) => void)[] = [];
  return {
    push(item: T) {
      const next = waiting.shift();
      if (next) next(item);
      else arrived.push(item);
    },
    next(): Promise<T> {
      const first = arrived.shift();
      return first !== undefined ? Promise.resolve(first) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}
