/**
 * The monthly workflow on one machine: the state machines exactly as CDK synthesizes them, run by
 * aws-local-stepfunctions, with each Lambda task overridden by the same handler module. aws-local-stepfunctions
 * runs a Distributed Map inline and ignores ItemBatcher, so the definition is rewritten to hand each
 * iteration the `{ BatchInput, Items }` batch that AWS would.
 */
import { App } from 'aws-cdk-lib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../aws/paths.js';
import { DataStack } from '../aws/stacks/dataStack.js';
import { EXECUTION_ENDED_HANDLER, WORKFLOW_TASKS, type WorkflowTask, WorkflowStack } from '../aws/stacks/workflowStack.js';

// aws-local-stepfunctions 3 uses Promise.withResolvers (Node 22); Node 20 lacks it.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

type Json = Record<string, unknown>;
type Definition = { StartAt: string; States: Record<string, Json> } & Json;

export interface SynthesizedWorkflow {
  caeRun: Definition;
  federationRun: Definition;
}

/** Turns a synthesized DefinitionString (Fn::Join of literals and tokens) into the ASL JSON. */
function resolveDefinition(definition: unknown): Definition {
  if (typeof definition === 'string') return JSON.parse(definition) as Definition;
  const join = (definition as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  const text = join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const token = JSON.stringify(part);
      // Lambda ARNs and state machine ARNs: a readable local stand-in (tasks are overridden by name).
      if (token.includes('StateMachine')) return 'arn:aws:states:eu-west-3:000000000000:stateMachine:CaePayrollRun';
      if (token.includes('AWS::Partition')) return 'aws';
      if (token.includes('AWS::Region')) return 'eu-west-3';
      if (token.includes('AWS::AccountId')) return '000000000000';
      return 'arn:aws:lambda:eu-west-3:000000000000:function:local';
    })
    .join('');
  return JSON.parse(text) as Definition;
}

/** Synthesizes the workflow stack (no bundling) and returns both definitions as ASL. */
export function synthesizeWorkflow(): SynthesizedWorkflow {
  const outdir = mkdtempSync(join(tmpdir(), 'cae-workflow-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const data = new DataStack(app, 'CaeData');
    new WorkflowStack(app, 'CaeWorkflow', { table: data.table });
    const template = app.synth().getStackByName('CaeWorkflow').template as { Resources: Record<string, { Type: string; Properties: Json }> };
    const machines = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine');
    const find = (prefix: string) => {
      const found = machines.find(([logicalId]) => logicalId.startsWith(prefix));
      if (!found) throw new Error(`no state machine ${prefix} in the workflow stack`);
      return resolveDefinition(found[1].Properties.DefinitionString);
    };
    return { caeRun: find('CaePayrollRun'), federationRun: find('FederationPayrollRun') };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function valueAt(data: unknown, path: string): unknown {
  if (path === '$') return data;
  return path
    .replace(/^\$\./, '')
    .split('.')
    .reduce<unknown>((value, key) => (value as Json | undefined)?.[key], data);
}

/** Evaluates ItemBatcher's BatchInput (`"x.$": "$.path"` fields) against the Map's input. */
function batchInputOf(template: Json | undefined, input: unknown): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(template ?? {})) {
    if (key.endsWith('.$')) out[key.slice(0, -2)] = valueAt(input, value as string);
    else out[key] = value;
  }
  return out;
}

export const LOCAL_BATCHER = 'LocalItemBatcher';

/**
 * Rewrites every Map with an ItemBatcher: a local task before it cuts the items into `{ BatchInput, Items }`
 * batches under `$.__batches`, and the Map iterates over those. Everything else stays as synthesized.
 */
export function emulateItemBatcher(definition: Definition): { definition: Definition; batchers: Record<string, (input: unknown) => unknown> } {
  const copy = structuredClone(definition) as Definition;
  const batchers: Record<string, (input: unknown) => unknown> = {};
  const visit = (states: Record<string, Json>) => {
    for (const [name, state] of Object.entries(states)) {
      const processor = (state.ItemProcessor ?? state.Iterator) as { States?: Record<string, Json> } | undefined;
      if (processor?.States) visit(processor.States);
      const batcher = state.ItemBatcher as { MaxItemsPerBatch?: number; BatchInput?: Json } | undefined;
      if (state.Type !== 'Map' || !batcher) continue;
      const batcherName = `${name} ${LOCAL_BATCHER}`;
      const itemsPath = (state.ItemsPath as string | undefined) ?? '$';
      const size = batcher.MaxItemsPerBatch ?? 1;
      batchers[batcherName] = (input: unknown) => {
        const items = (valueAt(input, itemsPath) as unknown[] | undefined) ?? [];
        const BatchInput = batchInputOf(batcher.BatchInput, input);
        const __batches = [];
        for (let i = 0; i < items.length; i += size) __batches.push({ BatchInput, Items: items.slice(i, i + size) });
        return { ...(input as Json), __batches };
      };
      delete state.ItemBatcher;
      delete state.ItemReader;
      state.ItemsPath = '$.__batches';
      states[batcherName] = { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-3:000000000000:function:local-batcher', Next: name };
      // Everything that led to the Map now leads to its batcher.
      for (const other of Object.values(states)) {
        if (other === states[batcherName]) continue;
        if (other.Next === name) other.Next = batcherName;
        for (const c of (other.Catch as Json[] | undefined) ?? []) if (c.Next === name) c.Next = batcherName;
        for (const c of (other.Choices as Json[] | undefined) ?? []) if (c.Next === name) c.Next = batcherName;
      }
    }
    for (const [name] of Object.entries(batchers)) {
      const mapName = name.replace(` ${LOCAL_BATCHER}`, '');
      if (states[mapName] && (definition.StartAt === mapName || copy.StartAt === mapName)) copy.StartAt = name;
    }
  };
  visit(copy.States);
  return { definition: copy, batchers };
}

/** Every state name that carries a Retry, anywhere in the definition (for zero-second local retries). */
export function retryingStates(definition: Definition): string[] {
  const names: string[] = [];
  const visit = (states: Record<string, Json>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Retry) names.push(name);
      const processor = (state.ItemProcessor ?? state.Iterator) as { States?: Record<string, Json> } | undefined;
      if (processor?.States) visit(processor.States);
    }
  };
  visit(definition.States);
  return names;
}

type TaskHandler = (input: never) => Promise<unknown>;

const handlers = new Map<WorkflowTask, Promise<TaskHandler>>();

/** Wraps a task's handler (the benchmark times tasks as Lambda would bill them). */
export function replaceTaskHandler(task: WorkflowTask, handler: TaskHandler): void {
  handlers.set(task, Promise.resolve(handler));
}

let executionEnded: Promise<TaskHandler> | undefined;

/** The handler the EventBridge rule on ended executions targets on AWS, imported once (after the environment is set). */
export function executionEndedHandler(): Promise<TaskHandler> {
  executionEnded ??= import(pathToFileURL(join(REPO_ROOT, EXECUTION_ENDED_HANDLER)).href).then((m: { handler: TaskHandler }) => m.handler);
  return executionEnded;
}

/** The handler module of a task, imported once (after the environment is set). */
export function taskHandler(task: WorkflowTask): Promise<TaskHandler> {
  let found = handlers.get(task);
  if (!found) {
    found = import(pathToFileURL(join(REPO_ROOT, WORKFLOW_TASKS[task])).href).then((m: { handler: TaskHandler }) => m.handler);
    handlers.set(task, found);
  }
  return found;
}
