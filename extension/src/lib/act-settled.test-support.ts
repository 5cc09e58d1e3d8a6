import { act } from 'preact/test-utils';

/**
 * Runs `work` inside `act`, then lets what it started settle and renders the result. Preact's
 * `act` flushes the renders and effects queued while `work` runs, not the ones queued when a
 * promise `work` started resolves afterwards (a fake companion's answer, a click's handler
 * awaiting it); one macrotask later those have resolved, and the second `act` renders them.
 */
export async function actSettled(work: () => unknown = () => undefined): Promise<void> {
  await act(async () => {
    await work();
  });
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}
