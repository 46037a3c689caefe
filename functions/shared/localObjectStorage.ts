/**
 * The one account of the local S3-compatible server (infra/local/objectStorage.ts checks every signature made
 * with it). A module of its own, free of configuration, so that the local runtime can read it before any
 * handler's configuration exists.
 */
export const LOCAL_OBJECT_STORAGE_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
