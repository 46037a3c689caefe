/**
 * Identifiers on an invoice (docs/domain.md "Invoicing"): the SIREN (9 digits whose Luhn sum is a multiple of
 * 10) and the French intra-community VAT number, FR + a 2-digit key + the SIREN, the key being
 * (12 + 3 × (SIREN mod 97)) mod 97.
 */

/** Whether a string is a SIREN: 9 digits passing the Luhn check. */
export function isSiren(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let digit = Number(value[8 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The 2-digit key of a French VAT number for a SIREN. */
export function frenchVatKey(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return String(key).padStart(2, '0');
}

/** The French VAT number of a SIREN ("FR" + key + SIREN). */
export function frenchVatNumber(siren: string): string {
  return `FR${frenchVatKey(siren)}${siren}`;
}

/**
 * Whether a VAT number is valid as far as it can be checked here: a French one (FR…) must have the right key
 * over a valid SIREN; another EU one is 2 letters and 2 to 13 letters or digits.
 */
export function isVatNumber(value: string): boolean {
  if (value.startsWith('FR')) {
    const match = /^FR(\d{2})(\d{9})$/.exec(value);
    return match !== null && isSiren(match[2] as string) && frenchVatKey(match[2] as string) === match[1];
  }
  return /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(value);
}

/** The SIREN inside a French VAT number, if it is one. */
export function sirenOfVatNumber(value: string): string | undefined {
  return /^FR\d{2}(\d{9})$/.exec(value)?.[1];
}
