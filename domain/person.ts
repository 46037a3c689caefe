/**
 * What the CAE records about a person besides their career path: the values funders break their counts down by
 * (docs/domain.md "What funders ask for"). Pure constants, so that request schemas can use them without pulling
 * a repository (and the AWS SDK) into bundles that never touch DynamoDB.
 */

/** The person's situation when welcomed. */
export const SITUATIONS_AT_ENTRY = ['jobseeker', 'minimum_income', 'employed', 'other'] as const;
export type SituationAtEntry = (typeof SITUATIONS_AT_ENTRY)[number];

export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/** Highest diploma at entry: none, CAP/BEP, baccalauréat, bac+2, bac+3, bac+5 and above. */
export const EDUCATION_LEVELS = ['none', 'cap_bep', 'bac', 'bac_2', 'bac_3', 'bac_5'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
