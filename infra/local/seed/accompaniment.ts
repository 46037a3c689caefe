/**
 * The demo's accompaniment, through the API like the rest of the seed: interviews for everyone accompanied in
 * the demo CAEs (two held in the last year, so they are compliant), with one person left short (the employee of
 * the second CAE had a single interview, more than six months ago: flagged in the compliance view), an upcoming
 * planned interview for the demo entrepreneur, and in each CAE a past workshop with its attendance and one to come.
 */
import { addDays, addMonths } from '../../../domain/calendar.js';

interface DemoCaes {
  today?: string;
  caes: { id: string; name: string }[];
}

interface ComplianceRow {
  entrepreneurId: string;
  status: string;
  accompaniedSince: string;
}

async function call<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`seed: ${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function seedAccompaniment(apiUrl: string, token: string, demo: DemoCaes, today: string): Promise<void> {
  const day = demo.today ?? today;
  for (const [i, cae] of demo.caes.entries()) {
    const base = `/caes/${cae.id}`;
    const { items } = await call<{ items: ComplianceRow[] }>(apiUrl, token, 'GET', `${base}/accompaniment/compliance?asOf=${day}`);
    const interview = (id: string, heldOn: string, extra: Record<string, unknown> = {}) =>
      call(apiUrl, token, 'POST', `${base}/entrepreneurs/${id}/interviews`, {
        heldOn,
        kind: 'individual',
        mode: 'on_site',
        durationMinutes: 60,
        status: 'held',
        notes: 'Point d’étape : chiffre d’affaires, prévisionnel, prochaines démarches.',
        ...extra,
      });
    for (const person of items) {
      const yearAgo = addMonths(day, -11);
      const first = person.accompaniedSince > yearAgo ? addDays(person.accompaniedSince, 7) : addMonths(day, -7);
      if (i === 1 && person.status === 'employee') {
        // The one left short: a single interview, eight months ago.
        await interview(person.entrepreneurId, addMonths(day, -8), { notes: 'Relancer : pas de nouvelles depuis ce rendez-vous.' });
        continue;
      }
      if (first < day) await interview(person.entrepreneurId, first);
      await interview(person.entrepreneurId, addDays(day, -12), { mode: 'remote', durationMinutes: 45 });
      await interview(person.entrepreneurId, addDays(day, 14), { status: 'planned', notes: undefined });
    }
    const past = await call<{ id: string }>(apiUrl, token, 'POST', `${base}/workshops`, {
      title: 'Fixer ses prix et construire son devis',
      heldOn: addDays(day, -21),
      durationMinutes: 180,
      capacity: 12,
    });
    await call(apiUrl, token, 'PUT', `${base}/workshops/${past.id}/attendance`, { entrepreneurIds: items.map((p) => p.entrepreneurId) });
    await call(apiUrl, token, 'POST', `${base}/workshops`, { title: 'Prospecter et communiquer sur son activité', heldOn: addDays(day, 10), durationMinutes: 120, capacity: 10 });
  }
}
