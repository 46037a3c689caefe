import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Assembly,
  type AssemblyKind,
  associatesOn,
  createAssembly,
  decideVote,
  isAdopted,
  tally,
  VOTE_VIOLATION_STATUS,
  type Vote,
  type VoteChoice,
} from '../../../domain/governance/index.js';
import { membership } from './builders.js';

function assembly(kind: AssemblyKind = 'ordinary', electorate = ['e1', 'e2', 'e3'], resolutions = 2): Assembly {
  return createAssembly({
    heldOn: '2026-06-15',
    kind,
    resolutions: Array.from({ length: resolutions }, (_, i) => ({ title: `Resolution ${i + 1}` })),
    associates: electorate.map((entrepreneurId) => ({ entrepreneurId })),
  });
}

function votes(resolutionId: string, choices: Record<string, VoteChoice>): Vote[] {
  return Object.entries(choices).map(([voterId, choice]) => ({ voterId, resolutionId, choice }));
}

function firstTally(a: Assembly, cast: Vote[]) {
  const [first] = tally(a, cast);
  if (!first) throw new Error('no resolution');
  return first;
}

describe('createAssembly', () => {
  it('makes the associates of the day the electorate', () => {
    const register = associatesOn(
      [
        membership({ entrepreneurId: 'e-in', name: 'In' }),
        membership({ entrepreneurId: 'e-later', name: 'Later', since: '2026-07-01' }),
      ],
      '2026-06-15',
    );
    const a = createAssembly({ heldOn: '2026-06-15', kind: 'ordinary', resolutions: [{ title: 'Accounts' }], associates: register });
    expect(a.electorate).toEqual(['e-in']);
  });

  it('keeps its electorate when the list it was built from changes afterwards', () => {
    const associates = [{ entrepreneurId: 'e1' }];
    const a = createAssembly({ heldOn: '2026-06-15', kind: 'ordinary', resolutions: [{ title: 'Accounts' }], associates });
    associates.push({ entrepreneurId: 'e2' });
    expect(a.electorate).toEqual(['e1']);
  });

  it('cannot have its electorate changed', () => {
    const a = assembly();
    expect(() => (a.electorate as string[]).push('intruder')).toThrow(TypeError);
  });

  it('lists an associate given twice once', () => {
    expect(assembly('ordinary', ['e1', 'e1', 'e2']).electorate).toEqual(['e1', 'e2']);
  });

  it('numbers resolutions in the order given', () => {
    const a = createAssembly({
      heldOn: '2026-06-15',
      kind: 'extraordinary',
      resolutions: [{ title: ' Change the statutes ' }, { title: 'Move the seat' }],
      associates: [],
    });
    expect(a.resolutions).toEqual([
      { id: 'r1', title: 'Change the statutes' },
      { id: 'r2', title: 'Move the seat' },
    ]);
  });

  it('refuses an assembly without resolutions', () => {
    expect(() => assembly('ordinary', ['e1'], 0)).toThrow(RangeError);
  });

  it('refuses a resolution without a title', () => {
    expect(() =>
      createAssembly({ heldOn: '2026-06-15', kind: 'ordinary', resolutions: [{ title: '  ' }], associates: [] }),
    ).toThrow(RangeError);
  });

  it('refuses a date that is not on the calendar', () => {
    expect(() =>
      createAssembly({ heldOn: '2026-13-01', kind: 'ordinary', resolutions: [{ title: 'x' }], associates: [] }),
    ).toThrow(RangeError);
  });
});

describe('decideVote', () => {
  const a = assembly();

  it("accepts an elector's first vote on a resolution", () => {
    expect(decideVote({ assembly: a, existingVotes: [], voterId: 'e1', resolutionId: 'r1', choice: 'for' })).toEqual({
      ok: true,
      vote: { voterId: 'e1', resolutionId: 'r1', choice: 'for' },
    });
  });

  it('refuses someone outside the electorate', () => {
    const decision = decideVote({ assembly: a, existingVotes: [], voterId: 'stranger', resolutionId: 'r1', choice: 'for' });
    expect(decision).toMatchObject({ ok: false, violation: 'not-in-electorate' });
  });

  it('refuses an associate who joined after the assembly was created', () => {
    const memberships = [
      membership({ entrepreneurId: 'e-old', name: 'Old' }),
      membership({ entrepreneurId: 'e-new', name: 'New', since: '2026-06-20' }),
    ];
    const frozen = createAssembly({
      heldOn: '2026-06-15',
      kind: 'ordinary',
      resolutions: [{ title: 'Accounts' }],
      associates: associatesOn(memberships, '2026-06-15'),
    });
    const decision = decideVote({ assembly: frozen, existingVotes: [], voterId: 'e-new', resolutionId: 'r1', choice: 'for' });
    expect(decision).toMatchObject({ ok: false, violation: 'not-in-electorate' });
  });

  it('tells an outsider nothing about which resolutions exist', () => {
    const decision = decideVote({ assembly: a, existingVotes: [], voterId: 'stranger', resolutionId: 'r99', choice: 'for' });
    expect(decision).toMatchObject({ ok: false, violation: 'not-in-electorate' });
  });

  it('refuses a vote on a resolution the assembly does not have', () => {
    const decision = decideVote({ assembly: a, existingVotes: [], voterId: 'e1', resolutionId: 'r99', choice: 'for' });
    expect(decision).toMatchObject({ ok: false, violation: 'unknown-resolution' });
  });

  it('refuses a second vote by the same person on the same resolution', () => {
    const existingVotes: Vote[] = [{ voterId: 'e1', resolutionId: 'r1', choice: 'against' }];
    const decision = decideVote({ assembly: a, existingVotes, voterId: 'e1', resolutionId: 'r1', choice: 'for' });
    expect(decision).toMatchObject({ ok: false, violation: 'already-voted' });
  });

  it('lets the same person vote on another resolution', () => {
    const existingVotes: Vote[] = [{ voterId: 'e1', resolutionId: 'r1', choice: 'for' }];
    expect(decideVote({ assembly: a, existingVotes, voterId: 'e1', resolutionId: 'r2', choice: 'for' }).ok).toBe(true);
  });

  it("does not count another person's vote against a voter", () => {
    const existingVotes: Vote[] = [{ voterId: 'e2', resolutionId: 'r1', choice: 'for' }];
    expect(decideVote({ assembly: a, existingVotes, voterId: 'e1', resolutionId: 'r1', choice: 'for' }).ok).toBe(true);
  });

  it('refuses a choice other than for, against or abstain', () => {
    const decision = decideVote({ assembly: a, existingVotes: [], voterId: 'e1', resolutionId: 'r1', choice: 'maybe' });
    expect(decision).toMatchObject({ ok: false, violation: 'invalid-choice' });
  });

  it('maps each refusal to the status the API answers', () => {
    expect(VOTE_VIOLATION_STATUS).toEqual({
      'invalid-choice': 400,
      'not-in-electorate': 403,
      'unknown-resolution': 422,
      'already-voted': 409,
    });
  });
});

describe('tally', () => {
  it('counts for, against and abstentions per resolution', () => {
    const a = assembly('ordinary', ['e1', 'e2', 'e3', 'e4']);
    const t = firstTally(a, votes('r1', { e1: 'for', e2: 'for', e3: 'against', e4: 'abstain' }));
    expect(t).toEqual({
      resolutionId: 'r1',
      title: 'Resolution 1',
      for: 2,
      against: 1,
      abstain: 1,
      votesCast: 3,
      voters: 4,
      electorate: 4,
      outcome: 'adopted',
    });
  });

  it('keeps each resolution to its own votes', () => {
    const a = assembly();
    const [r1, r2] = tally(a, [...votes('r1', { e1: 'for' }), ...votes('r2', { e1: 'against', e2: 'against' })]);
    expect([r1?.for, r1?.against, r2?.for, r2?.against]).toEqual([1, 0, 0, 2]);
  });

  it('reports the whole electorate even when few vote', () => {
    expect(firstTally(assembly('ordinary', ['e1', 'e2', 'e3']), votes('r1', { e1: 'for' })).electorate).toBe(3);
  });

  it('adopts an ordinary resolution with more for than against', () => {
    expect(firstTally(assembly(), votes('r1', { e1: 'for', e2: 'for', e3: 'against' })).outcome).toBe('adopted');
  });

  it('rejects an ordinary resolution on a tie', () => {
    expect(firstTally(assembly(), votes('r1', { e1: 'for', e2: 'against' })).outcome).toBe('rejected');
  });

  it('leaves abstentions out of an ordinary majority', () => {
    const a = assembly('ordinary', ['e1', 'e2', 'e3', 'e4']);
    expect(firstTally(a, votes('r1', { e1: 'for', e2: 'abstain', e3: 'abstain', e4: 'abstain' })).outcome).toBe('adopted');
  });

  it('rejects a resolution nobody voted on', () => {
    expect(firstTally(assembly(), []).outcome).toBe('rejected');
  });

  it('adopts an extraordinary resolution at exactly two thirds of votes cast', () => {
    expect(firstTally(assembly('extraordinary'), votes('r1', { e1: 'for', e2: 'for', e3: 'against' })).outcome).toBe(
      'adopted',
    );
  });

  it('rejects an extraordinary resolution just below two thirds of votes cast', () => {
    const a = assembly('extraordinary', ['e1', 'e2', 'e3', 'e4', 'e5']);
    const t = firstTally(a, votes('r1', { e1: 'for', e2: 'for', e3: 'for', e4: 'against', e5: 'against' }));
    expect(t.outcome).toBe('rejected');
  });

  it('leaves abstentions out of an extraordinary majority', () => {
    const a = assembly('extraordinary', ['e1', 'e2', 'e3', 'e4', 'e5']);
    const t = firstTally(a, votes('r1', { e1: 'for', e2: 'for', e3: 'against', e4: 'abstain', e5: 'abstain' }));
    expect(t.outcome).toBe('adopted');
  });

  it('rejects an extraordinary resolution where everyone abstained', () => {
    expect(firstTally(assembly('extraordinary'), votes('r1', { e1: 'abstain', e2: 'abstain' })).outcome).toBe('rejected');
  });

  it('ignores a vote from outside the electorate', () => {
    const t = firstTally(assembly(), [...votes('r1', { e1: 'for' }), { voterId: 'stranger', resolutionId: 'r1', choice: 'against' }]);
    expect([t.for, t.against]).toEqual([1, 0]);
  });

  it("counts only a person's first vote when the list holds two", () => {
    const t = firstTally(assembly(), [
      { voterId: 'e1', resolutionId: 'r1', choice: 'against' },
      { voterId: 'e1', resolutionId: 'r1', choice: 'for' },
    ]);
    expect([t.for, t.against, t.voters]).toEqual([0, 1, 1]);
  });

  it('counts one vote per person whatever the capital they hold', () => {
    const electorateArb = fc.uniqueArray(fc.constantFrom<string>('e1', 'e2', 'e3', 'e4', 'e5', 'e6'), { minLength: 1 });
    const capitalArb = fc.constantFrom('1.00', '25.00', '1000.00', '999999.99');
    fc.assert(
      fc.property(
        electorateArb,
        fc.array(capitalArb, { minLength: 6, maxLength: 6 }),
        fc.constantFrom<AssemblyKind>('ordinary', 'extraordinary'),
        fc.array(
          fc.record({
            voterId: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'outsider'),
            resolutionId: fc.constantFrom('r1', 'r2'),
            choice: fc.constantFrom<VoteChoice>('for', 'against', 'abstain'),
          }),
          { maxLength: 30 },
        ),
        (ids, capitals, kind, cast) => {
          const memberships = ids.map((entrepreneurId, i) =>
            membership({ entrepreneurId, name: entrepreneurId, capitalSubscribed: capitals[i] ?? '1.00' }),
          );
          const a = createAssembly({
            heldOn: '2026-06-15',
            kind,
            resolutions: [{ title: 'one' }, { title: 'two' }],
            associates: associatesOn(memberships, '2026-06-15'),
          });
          const equalCapitals = createAssembly({
            heldOn: '2026-06-15',
            kind,
            resolutions: [{ title: 'one' }, { title: 'two' }],
            associates: associatesOn(
              memberships.map((m) => ({ ...m, capitalSubscribed: '100.00' })),
              '2026-06-15',
            ),
          });
          expect(tally(a, cast)).toEqual(tally(equalCapitals, cast));
          for (const t of tally(a, cast)) {
            const firstChoice = new Map<string, VoteChoice>();
            for (const v of cast) {
              if (v.resolutionId === t.resolutionId && ids.includes(v.voterId) && !firstChoice.has(v.voterId)) {
                firstChoice.set(v.voterId, v.choice);
              }
            }
            const count = (c: VoteChoice) => [...firstChoice.values()].filter((x) => x === c).length;
            expect([t.for, t.against, t.abstain]).toEqual([count('for'), count('against'), count('abstain')]);
            expect(t.voters).toBeLessThanOrEqual(t.electorate);
            expect(t.outcome).toBe(isAdopted(kind, count('for'), count('against')) ? 'adopted' : 'rejected');
          }
        },
      ),
    );
  });
});

describe('isAdopted', () => {
  it('never adopts an extraordinary resolution that an ordinary majority would reject', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (f, against) => {
        if (isAdopted('extraordinary', f, against)) expect(isAdopted('ordinary', f, against)).toBe(true);
      }),
    );
  });

  it('adopts an extraordinary resolution exactly when for is at least twice against', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.nat(1000), (f, against) => {
        expect(isAdopted('extraordinary', f, against)).toBe(f >= 2 * against);
      }),
    );
  });
});
