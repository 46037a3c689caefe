import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { emulateItemBatcher, synthesizeWorkflow } from '../../infra/local/workflow.js';

const workflow = synthesizeWorkflow();

describe('the synthesized payroll state machines', () => {
  for (const name of ['caeRun', 'federationRun'] as const) {
    it(`${name} is valid Amazon States Language`, () => {
      const { isValid, errorsText } = aslValidator(workflow[name]);
      expect(isValid, errorsText?.()).toBe(true);
    });
  }

  it('pays batches in a Distributed Map with an ItemBatcher, never carrying entrepreneurs in the state', () => {
    const map = workflow.caeRun.States.PayBatches as Record<string, any>;
    expect(map.ItemProcessor.ProcessorConfig.Mode).toBe('DISTRIBUTED');
    expect(map.ItemBatcher.MaxItemsPerBatch).toBe(1);
    expect(map.ItemBatcher.BatchInput).toEqual({ 'caeId.$': '$.caeId', 'month.$': '$.month' });
    expect(map.ItemsPath).toBe('$.batches');
    expect(map.ResultPath).toBeNull();
  });

  it('catches every step of a CAE run into MarkRunFailed', () => {
    for (const name of ['OpenRun', 'PayBatches', 'CloseRun', 'AggregateMonths']) {
      const state = workflow.caeRun.States[name] as { Catch?: { Next: string }[] };
      expect(state.Catch?.[0]?.Next, name).toBe('MarkRunFailed');
    }
  });

  it('retries throttling with exponential backoff and jitter', () => {
    const retry = (workflow.caeRun.States.OpenRun as { Retry: Record<string, unknown>[] }).Retry[0];
    expect(retry).toMatchObject({ BackoffRate: 2, JitterStrategy: 'FULL' });
    expect(retry?.ErrorEquals).toContain('Lambda.TooManyRequestsException');
  });

  it('hands OpenRun and MarkRunFailed the execution’s own ARN, so a run knows which execution works on it', () => {
    for (const name of ['OpenRun', 'MarkRunFailed']) {
      // payloadResponseOnly: the Parameters are the Lambda's payload.
      const state = workflow.caeRun.States[name] as { Parameters: Record<string, string> };
      expect(state.Parameters['executionArn.$'], name).toBe('$$.Execution.Id');
    }
  });

  it('resumes the unfinished earlier runs before paying the month, each CAE as its own execution, one failure stopping no other', () => {
    expect(workflow.federationRun.States.ListCaes?.Next).toBe('ResumeUnfinished');
    const resume = workflow.federationRun.States.ResumeUnfinished as Record<string, any>;
    expect(resume.ItemsPath).toBe('$.unfinished');
    expect(resume.Next).toBe('PayCaes');
    expect(resume.ItemProcessor.States.ResumeCae.Resource).toBe('arn:aws:states:::states:startExecution.sync:2');
    for (const [map, task] of [['ResumeUnfinished', 'ResumeCae'], ['PayCaes', 'PayCae']] as const) {
      const states = (workflow.federationRun.States[map] as Record<string, any>).ItemProcessor.States;
      expect(states[task].Catch?.[0]?.ErrorEquals, task).toEqual(['States.ALL']);
    }
  });

  it('runs each CAE as its own execution from the federation run, waiting for it', () => {
    const payCaes = workflow.federationRun.States.PayCaes as Record<string, any>;
    expect(payCaes.ItemProcessor.States.PayCae.Resource).toBe('arn:aws:states:::states:startExecution.sync:2');
  });

  it('locally, hands each Map iteration the batch AWS would build', () => {
    const { definition, batchers } = emulateItemBatcher(workflow.caeRun);
    const [name, batch] = Object.entries(batchers)[0] as [string, (input: unknown) => any];
    expect(definition.States.OpenRun?.Next).toBe(name);
    const out = batch({ caeId: 'C', month: '2025-03', batches: [0, 1, 2] });
    expect(out.__batches).toEqual([0, 1, 2].map((k) => ({ BatchInput: { caeId: 'C', month: '2025-03' }, Items: [k] })));
  });
});
