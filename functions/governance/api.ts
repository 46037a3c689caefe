/** The HTTP contract of the governance routes (API.md "Cooperative governance"). Filled by issue 7. */
export const contracts = {} as const;
