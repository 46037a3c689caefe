/** Dated versions (a CAE's policies, an entrepreneur's overrides): one per month they take effect. */

/** The versions with `next` in its place, replacing the one of the same month; oldest first. */
export function withVersion<V extends { effectiveFrom: string }>(versions: readonly V[], next: V): V[] {
  return [...versions.filter((v) => v.effectiveFrom !== next.effectiveFrom), next].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
}
