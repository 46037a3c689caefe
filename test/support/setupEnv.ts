/** Runs before each test file: handlers read their configuration at import, so it is set first. */
import { inject } from 'vitest';

process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
process.env.TABLE_NAME = 'cae-test';
process.env.AWS_REGION = 'eu-west-3';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
