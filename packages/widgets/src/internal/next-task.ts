type Scheduler = { yield?: () => Promise<void> };

/** Resolves in a task of its own, after the browser has had a chance to paint and answer input. */
export const nextTask = (): Promise<void> =>
  (globalThis as { scheduler?: Scheduler }).scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve));
