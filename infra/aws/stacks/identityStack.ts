/**
 * The federation's users: a Cognito user pool whose custom attributes carry the claims of docs/api.md
 * (`custom:role`, `custom:caeId`, `custom:entrepreneurId`, `custom:territories`). Users can read but
 * never write those attributes: only the federation's administrators set them, so nobody grants
 * themselves a role or a tenant.
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';

export class IdentityStack extends Stack {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      featurePlan: FeaturePlan.PLUS,
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: {
        role: new StringAttribute({ mutable: true, minLen: 1, maxLen: 32 }),
        caeId: new StringAttribute({ mutable: true, maxLen: 26 }),
        entrepreneurId: new StringAttribute({ mutable: true, maxLen: 26 }),
        // Cognito attributes are strings: territories travel comma-separated ("departement:69,region:84").
        territories: new StringAttribute({ mutable: true, maxLen: 2048 }),
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const standard = { email: true, givenName: true, familyName: true };
    this.client = this.userPool.addClient('ApiClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ ...standard, emailVerified: true })
        .withCustomAttributes('role', 'caeId', 'entrepreneurId', 'territories'),
      writeAttributes: new ClientAttributes().withStandardAttributes(standard),
    });
  }
}
