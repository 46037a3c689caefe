/** The CDK app synthesized once per test file, bundling skipped (fast, offline). */
import { NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../infra/aws/buildApp.js';

export type Resources = Record<string, { Type: string; Properties: Record<string, any>; DependsOn?: string[] }>;
type CfnTemplate = { Resources: Resources; Parameters?: Record<string, unknown> };

/** `value` with every `{ Ref: <parameter> }` replaced by what `parameters` gives that parameter. */
function substitute(value: unknown, parameters: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => substitute(v, parameters));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]?.[0] === 'Ref' && typeof entries[0][1] === 'string' && entries[0][1] in parameters) {
    return parameters[entries[0][1]];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, substitute(v, parameters)]));
}

export function synthApp() {
  const built = buildApp({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false, outdir: mkdtempSync(join(tmpdir(), 'cae-cdk-')) });
  const assembly = built.app.synth();
  const nestedStacks = built.app.node.findAll().filter((c): c is NestedStack => NestedStack.isNestedStack(c));
  /** The nested stacks of a template, by the logical id of their AWS::CloudFormation::Stack in it, with their own template. */
  const nestedIn = (parent: Stack) =>
    new Map(nestedStacks.flatMap((n) => (n.nestedStackParent === parent && n.nestedStackResource ? [[parent.getLogicalId(n.nestedStackResource), n] as const] : [])));
  const templateOf = (stack: Stack): CfnTemplate => JSON.parse(readFileSync(join(assembly.directory, stack.templateFile), 'utf8'));
  /**
   * A stack's resources with those of its nested stacks inlined (recursively), each nested parameter replaced by the
   * value its parent passes: a function's role then reads `Fn::GetAtt` of the parent's role, as in a single stack.
   * Logical ids are unique across the templates (the test fails otherwise).
   */
  const inlined = (stack: Stack, template: CfnTemplate): Resources => {
    const nested = nestedIn(stack);
    const all: Resources = {};
    for (const [id, resource] of Object.entries(template.Resources)) {
      const child = nested.get(id);
      if (!child) {
        all[id] = resource;
        continue;
      }
      const childTemplate = templateOf(child);
      const parameters = (resource.Properties.Parameters ?? {}) as Record<string, unknown>;
      const childResources = inlined(child, { ...childTemplate, Resources: substitute(childTemplate.Resources, parameters) as Resources });
      for (const [childId, childResource] of Object.entries(childResources)) {
        if (childId in all || childId in template.Resources) throw new Error(`logical id ${childId} in two templates of ${stack.stackName}`);
        all[childId] = childResource;
      }
    }
    return all;
  };
  const stackNamed = (stackName: string) => {
    const stack = built.app.node.findAll().find((c): c is Stack => Stack.isStack(c) && !NestedStack.isNestedStack(c) && c.stackName === stackName);
    if (!stack) throw new Error(`no stack ${stackName}`);
    return stack;
  };
  return {
    ...built,
    assembly,
    template: (stackName: string) => Template.fromJSON(assembly.getStackByName(stackName).template),
    /** A stack's resources, its nested stacks' inlined (see `inlined`). */
    resources: (stackName: string): Resources => inlined(stackNamed(stackName), assembly.getStackByName(stackName).template as CfnTemplate),
    /** The resource count of a stack's own template and of each of its nested stacks' templates, by path. */
    resourceCounts: (stackName: string): Map<string, number> => {
      const counts = new Map<string, number>();
      const visit = (stack: Stack, template: CfnTemplate) => {
        counts.set(stack.node.path, Object.keys(template.Resources).length);
        for (const child of nestedIn(stack).values()) visit(child, templateOf(child));
      };
      visit(stackNamed(stackName), assembly.getStackByName(stackName).template as CfnTemplate);
      return counts;
    },
  };
}
