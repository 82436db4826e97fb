// The one way a client's calls are guarded (the lock epoch, the side rule, the allowed servers): every method of the
// API runs through `around`, which decides whether and how the call goes ahead; other members pass as they are.
export function guardMethods<A extends object>(api: A, around: (call: () => Promise<unknown>) => Promise<unknown>): A {
  const guarded: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(api)) {
    guarded[name] =
      typeof member === 'function' ? (...args: unknown[]) => around(() => member.apply(api, args)) : member;
  }
  return guarded as A;
}
