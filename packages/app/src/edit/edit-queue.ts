// One queue per project folder, so that edits (and their recovery) of a folder run one at
// a time inside this process. IO-free. Across processes the store's file lock serialises
// them: an edit holds the project's store open from its first read to its history row.

const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier edit of the same folder has finished. */
export const serialisedEdit = <T>(dir: string, fn: () => Promise<T>): Promise<T> => {
  const prev = queues.get(dir) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  queues.set(
    dir,
    next.catch(() => undefined),
  );
  return next;
};
