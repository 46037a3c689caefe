import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthApp } from './synth.js';

let app: ReturnType<typeof synthApp>;

beforeAll(() => {
  app = synthApp();
});

describe('the data stack', () => {
  it('keeps one encrypted, recoverable table with the generic keys and two GSIs, retained on delete', () => {
    const data = app.template('CaeData');
    data.resourceCountIs('AWS::DynamoDB::Table', 1);
    data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'GSI1' }), Match.objectLike({ IndexName: 'GSI2' })],
      }),
    });
  });
});

describe('the object storage bucket', () => {
  it('is private, encrypted, TLS only, versioned, logged and retained on delete', () => {
    const data = app.template('CaeData');
    data.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketName: Match.anyValue(),
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'objects/' }),
      }),
    });
    const policies = Object.values(data.findResources('AWS::S3::BucketPolicy'));
    const denials = policies.flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s: any) => s.Effect === 'Deny');
    expect(denials.some((s: any) => s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
  });

  it('moves objects to a cheaper storage class after a year', () => {
    app.template('CaeData').hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 365 }] })]),
      },
    });
  });
});

describe('the identity stack', () => {
  it('carries the custom claims of docs/api.md, which users may read but not write', () => {
    const identity = app.template('CaeIdentity');
    const pool = Object.values(identity.findResources('AWS::Cognito::UserPool'))[0] as { Properties: { Schema: { Name: string }[] } };
    expect(pool.Properties.Schema.map((a) => a.Name)).toEqual(expect.arrayContaining(['role', 'caeId', 'entrepreneurId', 'territories']));
    const client = Object.values(identity.findResources('AWS::Cognito::UserPoolClient'))[0] as {
      Properties: { ReadAttributes: string[]; WriteAttributes: string[] };
    };
    expect(client.Properties.ReadAttributes).toContain('custom:role');
    expect(client.Properties.WriteAttributes.some((a) => a.startsWith('custom:'))).toBe(false);
  });

  it('allows no self sign-up and requires MFA', () => {
    app.template('CaeIdentity').hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
  });
});
