/** A contribution policy whose shape passed zod but whose content the domain refuses is a 400 naming the field. */
import { type ContributionPolicy, validatePolicy } from '../../domain/contribution/index.js';
import { ValidationFailed } from '../shared/errors.js';

export function requireValidPolicy(policy: ContributionPolicy, at: string): void {
  const violations = validatePolicy(policy, at);
  if (violations.length > 0) {
    throw new ValidationFailed(
      'The contribution policy is not valid.',
      violations.map((v) => ({ path: v.path, message: v.message })),
    );
  }
}
