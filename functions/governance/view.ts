/** How an assembly is shown: its resolutions, its frozen electorate and, when read, the tallies. */
import type { StoredAssembly } from '../shared/repositories/governance.js';

export function assemblyView(a: StoredAssembly) {
  return {
    id: a.id,
    heldOn: a.heldOn,
    kind: a.kind,
    resolutions: a.resolutions.map((r) => ({ id: r.id, title: r.title })),
    electorate: a.electorate.map((e) => ({ ...e })),
    createdAt: a.createdAt,
  };
}
