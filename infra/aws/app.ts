/** Entry point of `cdk synth` / `cdk deploy` (see cdk.json). */
import { buildApp } from './buildApp.js';

buildApp();
