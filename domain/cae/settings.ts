/**
 * A CAE's own settings: what varies between cooperatives (practice) and must never be a constant.
 */

export interface CareerPathSettings {
  /** Whether a CAPE must precede a CESA. The law does not require it; most CAEs do (default true). */
  requireConventionBeforeContract: boolean;
}

export const DEFAULT_CAREER_PATH_SETTINGS: CareerPathSettings = { requireConventionBeforeContract: true };
