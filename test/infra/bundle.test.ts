/**
 * One synth that really bundles (esbuild, no Docker): the project's Lambda construct produces a bundle
 * that loads in a fresh module system and answers like the handler it was built from.
 */
import { App, Stack } from 'aws-cdk-lib';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaeFunction } from '../../infra/aws/constructs/caeFunction.js';
import { event } from '../support/events.js';

describe('Lambda bundling', () => {
  it('bundles a handler with esbuild into a file that runs', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cae-bundle-'));
    // The bundle is CommonJS, as on Lambda; say so here, or a package.json of type module in a parent of the
    // temp directory would make Node read it as ESM.
    writeFileSync(join(outdir, 'package.json'), '{"type":"commonjs"}\n');
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'BundleProbe');
    new CaeFunction(stack, 'Health', { entry: 'functions/service/health.ts' });
    const assembly = app.synth();
    const assetDirs = readdirSync(assembly.directory).filter((d) => d.startsWith('asset.'));
    expect(assetDirs).toHaveLength(1);
    const bundle = join(assembly.directory, assetDirs[0] as string, 'index.js');
    expect(statSync(bundle).size).toBeGreaterThan(1000);
    const { handler } = createRequire(import.meta.url)(bundle) as { handler: (e: unknown, c: unknown) => Promise<{ statusCode: number; body: string }> };
    const reply = await handler(event('GET /health'), {});
    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ status: 'ok' });
  }, 120_000);
});
