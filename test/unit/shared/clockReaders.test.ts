/**
 * The business clock is the only place handlers read today or now (functions/shared/clock.ts), and the domain
 * never reads the clock at all: a read of `new Date()` or `Date.now()` anywhere else is business time that a
 * test cannot set and that faketime runs would be the only ones to catch.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');


function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

function clockReads(file: string): string[] {
  return readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => /new Date\(\)|Date\.now\(\)/.test(line) && !/^\s*(\/\/|\*)/.test(line));
}

describe('who reads the clock', () => {
  it('the domain never does', () => {
    const readers = sources('domain').filter((file) => clockReads(file).length > 0);
    expect(readers).toEqual([]);
  });

  // Real time that is not business time (a token's expiry, a lease, a log line) is read through clock.systemNow.
  it('among the handlers and their modules, only the clock module does', () => {
    const readers = sources('functions').filter(
      (file) => file !== 'functions/shared/clock.ts' && clockReads(file).length > 0,
    );
    expect(readers).toEqual([]);
  });

  it('the check sees a read of the clock when there is one', () => {
    expect(clockReads('functions/shared/clock.ts').length).toBeGreaterThan(0);
  });
});
