import { describe, expect, it } from 'vitest';
import { createAdmission } from '../../../infra/local/admission.js';

const never = () => new AbortController().signal;

describe('admission of the local API', () => {
  it('admits up to maxInFlight at once, queues up to maxQueued, refuses the next', async () => {
    const gate = createAdmission({ maxInFlight: 2, maxQueued: 1 });
    const a = await gate.enter(never());
    const b = await gate.enter(never());
    const queued = gate.enter(never());
    expect(typeof a).toBe('object');
    expect(typeof b).toBe('object');
    expect(gate.queued).toBe(1);
    expect(await gate.enter(never())).toBe('full');
    (a as { release: () => void }).release();
    expect(typeof (await queued)).toBe('object');
    expect(gate.inFlight).toBe(2);
  });

  it('hands a released slot to the oldest waiting request', async () => {
    const gate = createAdmission({ maxInFlight: 1, maxQueued: 2 });
    const first = (await gate.enter(never())) as { release: () => void };
    const order: string[] = [];
    const admitted = (name: string) => (slot: unknown) => {
      order.push(name);
      return slot as { release: () => void };
    };
    const second = gate.enter(never()).then(admitted('second'));
    const third = gate.enter(never()).then(admitted('third'));
    first.release();
    (await second).release();
    await third;
    expect(order).toEqual(['second', 'third']);
  });

  it('gives up a waiting request when its deadline passes, and its place is free again', async () => {
    const gate = createAdmission({ maxInFlight: 1, maxQueued: 1 });
    const held = (await gate.enter(never())) as { release: () => void };
    const deadline = new AbortController();
    const waiting = gate.enter(deadline.signal);
    deadline.abort();
    expect(await waiting).toBe('expired');
    expect(gate.queued).toBe(0);
    held.release();
    expect(gate.inFlight).toBe(0);
  });

  it('counts a slot released twice once', async () => {
    const gate = createAdmission({ maxInFlight: 1, maxQueued: 0 });
    const slot = (await gate.enter(never())) as { release: () => void };
    slot.release();
    slot.release();
    expect(gate.inFlight).toBe(0);
    const again = await gate.enter(never());
    expect(typeof again).toBe('object');
    expect(await gate.enter(never())).toBe('full');
  });
});
