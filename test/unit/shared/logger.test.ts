import { afterEach, describe, expect, it, vi } from 'vitest';
import { Logger } from '../../../functions/shared/logger.js';

/** The JSON lines a logger built under `level` writes, with their stream. */
function capture(level: string, use: (logger: Logger) => void): { stream: 'out' | 'err'; line: Record<string, unknown> }[] {
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', level);
  const lines: { stream: 'out' | 'err'; line: Record<string, unknown> }[] = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push({ stream: 'out', line: JSON.parse(String(chunk)) });
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push({ stream: 'err', line: JSON.parse(String(chunk)) });
    return true;
  });
  try {
    use(new Logger({ serviceName: 'cae-back-office' }));
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('logger', () => {
  it('writes one JSON line with level, message, service, the appended keys and the attributes', () => {
    const lines = capture('INFO', (logger) => {
      logger.appendKeys({ caeId: 'C1', role: 'cae_staff' });
      logger.info('refused', { status: 404 });
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.stream).toBe('out');
    expect(lines[0]?.line).toMatchObject({ level: 'INFO', message: 'refused', service: 'cae-back-office', caeId: 'C1', role: 'cae_staff', status: 404 });
    expect(Number.isNaN(Date.parse(String(lines[0]?.line.timestamp)))).toBe(false);
  });

  it('forgets the keys of the previous request on resetKeys', () => {
    const lines = capture('INFO', (logger) => {
      logger.appendKeys({ caeId: 'C1' });
      logger.resetKeys();
      logger.info('next request');
    });
    expect(lines[0]?.line).not.toHaveProperty('caeId');
  });

  it('drops lines below POWERTOOLS_LOG_LEVEL and writes nothing when SILENT', () => {
    expect(capture('WARN', (logger) => {
      logger.info('hidden');
      logger.warn('shown');
    }).map((l) => l.line.message)).toEqual(['shown']);
    expect(capture('SILENT', (logger) => logger.error('hidden'))).toEqual([]);
  });

  it('writes errors on stderr with their name, message and stack', () => {
    const lines = capture('INFO', (logger) => logger.error('unhandled error', { error: new TypeError('boom') }));
    expect(lines[0]?.stream).toBe('err');
    expect(lines[0]?.line.error).toMatchObject({ name: 'TypeError', message: 'boom' });
    expect((lines[0]?.line.error as { stack?: string } | undefined)?.stack).toContain('TypeError: boom');
  });
});
