/**
 * SIRET: the 14-digit number of an establishment (SIREN 9 digits + NIC 5 digits), with a Luhn check digit.
 * La Poste's establishments (SIREN 356 000 000) are the documented exception: their digits sum to a
 * multiple of 5 instead (INSEE).
 */

const LA_POSTE_SIREN = '356000000';

function luhnValid(digits: string): boolean {
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
  }
  return total % 10 === 0;
}

/** True when the value is 14 digits whose check digit is right. */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN) && value !== `${LA_POSTE_SIREN}00048`) {
    let total = 0;
    for (const c of value) total += c.charCodeAt(0) - 48;
    return total % 5 === 0;
  }
  return luhnValid(value);
}
