/** Who may read which territorial report (docs/api.md "Identity"). */
import { contains, parseTerritory, type Territory } from '../../domain/territory/index.js';
import type { Caller } from '../shared/auth.js';
import { Forbidden } from '../shared/errors.js';

/**
 * A federation admin reads every territory; a funder the territories of their token and those inside them
 * (`contains`: a funder of département 69 reads the Métropole de Lyon and Lyon, not région 84 nor an EPCI that
 * straddles the border); anyone else nothing. Territory codes in a token that do not parse grant nothing.
 */
export function requireTerritory(caller: Caller, territory: Territory): void {
  if (caller.role === 'federation_admin') return;
  if (caller.role === 'funder') {
    for (const granted of caller.territories) {
      const parsed = parseTerritory(granted);
      if (parsed.ok && contains(parsed.territory, territory)) return;
    }
    throw new Forbidden('A funder may read the reports of their territories and of the territories inside them only.');
  }
  throw new Forbidden(`The role ${caller.role} may not read territorial reports.`);
}
