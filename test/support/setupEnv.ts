/** Runs before each test file: handlers read their configuration at import, so it is set first. */
import { inject } from 'vitest';

process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
process.env.TABLE_NAME = 'cae-test';
process.env.OBJECT_STORAGE_ENDPOINT = inject('objectStorageEndpoint');
process.env.OBJECT_STORAGE_BUCKET = inject('objectStorageBucket');
process.env.AWS_REGION = 'eu-west-3';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
