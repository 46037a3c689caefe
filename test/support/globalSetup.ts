/** Placeholder until the dynalite global setup lands (see test/support/dynalite.ts). */
export default async function setup(): Promise<void> {}
