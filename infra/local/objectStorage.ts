/**
 * Object storage on this machine (docs/architecture.md "Object storage"): s3rver keeps the objects on disk (under
 * DATA_DIR for `npm start`, a temporary directory for the tests) and speaks the S3 API the SDK calls; in front of
 * it, every request must carry a valid AWS Signature V4 (infra/local/sigv4.ts), because s3rver accepts any v4
 * signature unchecked. So, as on S3, the bucket is private, an expired or altered presigned URL is refused, and an
 * upload whose Content-Type or Content-Length differs from what its URL signed is refused by the storage itself.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { LOCAL_OBJECT_STORAGE_CREDENTIALS } from '../../functions/shared/localObjectStorage.js';
import { verifySigV4 } from './sigv4.js';

/** The bucket's name locally (on AWS the data stack names it). */
export const LOCAL_BUCKET = 'cae-objects';

export interface LocalObjectStorage {
  /** `http://127.0.0.1:<port>`: what OBJECT_STORAGE_ENDPOINT is set to. */
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

function xmlEscape(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Answers as S3 does, once the request body is drained (a client still sending would see a reset otherwise). */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  const send = () => {
    if (res.headersSent) return;
    res.writeHead(status, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error>`);
  };
  req.on('end', send);
  req.on('error', send);
  req.resume();
}

/**
 * Starts the local S3-compatible server. `directory` keeps the objects across restarts; without it they live in
 * a temporary directory removed on close.
 */
export async function startObjectStorage(options: { directory?: string; port?: number; host?: string } = {}): Promise<LocalObjectStorage> {
  const temporary = options.directory === undefined;
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'cae-objects-'));
  mkdirSync(directory, { recursive: true });
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: [{ name: LOCAL_BUCKET }] });
  await s3rver.configureBuckets();
  const serve = s3rver.callback();
  const secrets = new Map<string, string>([[LOCAL_OBJECT_STORAGE_CREDENTIALS.accessKeyId, LOCAL_OBJECT_STORAGE_CREDENTIALS.secretAccessKey]]);

  const server = createServer((req, res) => {
    // Browsers' preflight requests carry no signature (s3rver answers them from the bucket's CORS rules).
    if (req.method !== 'OPTIONS') {
      const verdict = verifySigV4({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, (key) => secrets.get(key));
      if (!verdict.ok) {
        const code = verdict.code === 'MissingSignature' ? 'AccessDenied' : verdict.code;
        refuse(req, res, verdict.status, code, verdict.code === 'MissingSignature' ? 'Access Denied' : verdict.message);
        return;
      }
    }
    serve(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: LOCAL_BUCKET,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      s3rver.logger.exceptions.unhandle();
      s3rver.logger.close();
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}
