// A resource loaded once per isolate, on first use: concurrent first requests share the one load
// in flight, and a failed load is not kept, so the next request tries again.

export function loadOnce<A, T>(load: (arg: A) => Promise<T>): (arg: A) => Promise<T> {
  let loading: Promise<T> | null = null;
  return (arg: A) => {
    loading ??= load(arg).catch((err: unknown) => {
      loading = null;
      throw err;
    });
    return loading;
  };
}
