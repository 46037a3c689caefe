/**
 * Every key of the single table, built in one place. Each item of a CAE lives under a partition key
 * that starts with `CAE#<caeId>`, so an IAM `dynamodb:LeadingKeys` condition can confine a request to its
 * tenant. Federation-wide items live under `FED#`.
 */

export const cae = (caeId: string) => ({ PK: `CAE#${caeId}`, SK: 'CAE' });

/** GSI1: the federation's list of CAEs. */
export const caeListing = (caeId: string) => ({ GSI1PK: 'FED#CAES', GSI1SK: `CAE#${caeId}` });

export const entrepreneur = (caeId: string, entrepreneurId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: 'PROFILE',
});

/** GSI1: all entrepreneurs of a CAE, in creation order (ULIDs sort by time). */
export const entrepreneurListing = (caeId: string, entrepreneurId: string) => ({
  GSI1PK: `CAE#${caeId}#ENTS`,
  GSI1SK: `ENT#${entrepreneurId}`,
});

/** GSI2: the entrepreneurs of a CAE by the status their last recorded transition gave them. */
export const entrepreneurByStatus = (caeId: string, status: string, entrepreneurId: string) => ({
  GSI2PK: `CAE#${caeId}#STATUS#${status}`,
  GSI2SK: `ENT#${entrepreneurId}`,
});

export const GSI1 = 'GSI1';
export const GSI2 = 'GSI2';

/** An assembly of associates: its item and its votes share one partition, so a tally is one bounded query. */
export const assemblyPartition = (caeId: string, assemblyId: string) => `CAE#${caeId}#ASSEMBLY#${assemblyId}`;

export const assembly = (caeId: string, assemblyId: string) => ({ PK: assemblyPartition(caeId, assemblyId), SK: 'ASSEMBLY' });

/**
 * One vote, keyed by (assembly, resolution, voter): written with `attribute_not_exists`, so a person's second
 * vote on a resolution, even a concurrent one, can never be stored.
 */
export const vote = (caeId: string, assemblyId: string, resolutionId: string, voterId: string) => ({
  PK: assemblyPartition(caeId, assemblyId),
  SK: `VOTE#${resolutionId}#${voterId}`,
});

/** A year's surplus allocation: one per CAE and year, so a second one for the same year cannot be written. */
export const surplusAllocation = (caeId: string, year: number) => ({
  PK: `CAE#${caeId}#SURPLUS`,
  SK: `YEAR#${String(year).padStart(4, '0')}`,
});
