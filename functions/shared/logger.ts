/** One structured logger per Lambda, built at module load (Powertools). The tenant is appended per request. */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'cae-back-office' });
