/** The HTTP contract of the activity routes (API.md "Activity"). Filled by the activity work (issue 3). */
export const contracts = {} as const;
