/** The CDK app synthesized once per test file, bundling skipped (fast, offline). */
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../infra/aws/buildApp.js';

export function synthApp() {
  const built = buildApp({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false, outdir: mkdtempSync(join(tmpdir(), 'cae-cdk-')) });
  const assembly = built.app.synth();
  return {
    ...built,
    assembly,
    template: (stackName: string) => Template.fromJSON(assembly.getStackByName(stackName).template),
  };
}
