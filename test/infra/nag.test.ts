import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/buildApp.js';

describe('cdk-nag (AwsSolutions)', () => {
  it('finds nothing that is not acknowledged with a reason', () => {
    const { app } = buildApp({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: mkdtempSync(join(tmpdir(), 'cae-nag-')) });
    // cdk-nag 3 reports through synth's validation report: an unacknowledged finding throws here.
    expect(() => app.synth()).not.toThrow();
    // A full synth with every check: ~10 s alone, several times that on a loaded CI machine.
  }, 120_000);

  it('does fail on an unacknowledged finding (the check can fail)', async () => {
    const { app, data } = buildApp({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: mkdtempSync(join(tmpdir(), 'cae-nag-')) });
    const { Queue } = await import('aws-cdk-lib/aws-sqs');
    new Queue(data, 'UnencryptedQueueWithoutDlq');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3|ValidationFailed|Validation failed/);
  });

  it("checks the API's nested stacks too (the routes live in one per area)", async () => {
    const { app, api } = buildApp({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: mkdtempSync(join(tmpdir(), 'cae-nag-')) });
    const { Queue } = await import('aws-cdk-lib/aws-sqs');
    const [area] = api.areas.values();
    if (!area) throw new Error('the API stack has no nested stack');
    new Queue(area, 'UnencryptedQueueWithoutDlq');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3|ValidationFailed|Validation failed/);
  }, 120_000);
});
