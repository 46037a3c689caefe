/** How accompaniment records are shown: what staff see, and what an entrepreneur sees of them. */
import type { Caller } from '../shared/auth.js';
import type { Interview } from '../shared/repositories/interviews.js';
import type { Workshop } from '../shared/repositories/workshops.js';

/** Notes are for the CAE's team: an entrepreneur never gets them, even of their own interviews. */
export function interviewView(i: Interview, caller: Caller) {
  const seesNotes = caller.role === 'cae_staff' || caller.role === 'federation_admin';
  return {
    id: i.id,
    entrepreneurId: i.entrepreneurId,
    heldOn: i.heldOn,
    kind: i.kind,
    mode: i.mode,
    durationMinutes: i.durationMinutes,
    status: i.status,
    ...(seesNotes && i.notes !== undefined ? { notes: i.notes } : {}),
    recordedAt: i.recordedAt,
  };
}

/** An entrepreneur sees whether they attended, never who else did. */
export function workshopView(w: Workshop, caller: Caller) {
  const attendees = caller.role === 'entrepreneur' ? w.entrepreneurIds.filter((e) => e === caller.entrepreneurId) : w.entrepreneurIds;
  return {
    id: w.id,
    title: w.title,
    heldOn: w.heldOn,
    durationMinutes: w.durationMinutes,
    ...(w.capacity === undefined ? {} : { capacity: w.capacity }),
    entrepreneurIds: attendees,
    attendance: caller.role === 'entrepreneur' ? attendees.length : w.entrepreneurIds.length,
  };
}
