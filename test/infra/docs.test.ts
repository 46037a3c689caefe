/**
 * The repository explains itself (docs/README.md): a clone has no brief beside it, so no file may send a reader
 * to one, and every place a comment or a page cites in docs/ ("docs/domain.md "Salary"", a link with an anchor)
 * must exist. Dependencies, git data and build output are not the repository's text and are skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/aws/paths.js';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'cdk.out', '.data', '.bench', '.scratch', 'coverage']);
const TEXT_EXTENSIONS = new Set(['.ts', '.js', '.mjs', '.cjs', '.json', '.md', '.yml', '.yaml', '.sh', '.txt', '']);

/** Every text file of the repository, as paths relative to its root. */
function repositoryFiles(dir = REPO_ROOT): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...repositoryFiles(path));
    } else if (entry.isFile() && TEXT_EXTENSIONS.has(extname(entry.name)) && statSync(path).size < 2_000_000) {
      files.push(relative(REPO_ROOT, path));
    }
  }
  return files;
}

// Built from pieces, so that this file does not match what it looks for.
const BRIEF_NAMES = ['DOMAIN', 'API', 'DESIGN'];
const OUTSIDE_REFERENCES = [
  // the brief's documents by name (docs/ spells its pages in lower case)
  new RegExp(`\\b(?:${BRIEF_NAMES.join('|')})\\.md\\b`),
  // the brief's folder next to the repository (imports such as '../shared/http.js' are modules, not this)
  /\.\.\/shared\/(?:[A-Z]|seed-|hooks\b|tools\b)/,
  new RegExp(['', 'work', 'shared'].join('/')),
];

const PAGES = ['domain', 'api', 'architecture'] as const;

/** The headings of a markdown text, outside fenced code (where `# ` starts a shell comment). */
function headingsOf(markdown: string): string[] {
  return [...markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}[ \t]+(.+?)[ \t]*$/gm)].map((m) => (m[1] ?? '').trim());
}

/** The anchor GitHub gives a heading. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const files = repositoryFiles();
const texts = new Map(files.map((file) => [file, readFileSync(join(REPO_ROOT, file), 'utf8')]));
const pages = new Map(PAGES.map((page) => [page, readFileSync(join(REPO_ROOT, 'docs', `${page}.md`), 'utf8')]));

describe('the repository explains itself', () => {
  it('reads the files it checks (the walk skips only dependencies, git data and build output)', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'functions/routes.ts', 'docs/domain.md', 'package.json']));
    expect(files.some((f) => f.startsWith('node_modules/'))).toBe(false);
  });

  it('sends no reader to files outside the repository', () => {
    const found: string[] = [];
    for (const [file, text] of texts) {
      text.split('\n').forEach((line, i) => {
        if (OUTSIDE_REFERENCES.some((pattern) => pattern.test(line))) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('cites only sections that docs/ has (docs/<page>.md "<section>")', () => {
    const missing: string[] = [];
    let cited = 0;
    const citation = /(?<![\w/.-])(?:docs\/)?(domain|api|architecture)\.md,?[ \t]*\(?"([^"\n]+)"/g;
    for (const [file, text] of texts) {
      for (const match of text.matchAll(citation)) {
        const [, page, section] = match as unknown as [string, (typeof PAGES)[number], string];
        cited++;
        const headings = headingsOf(pages.get(page) ?? '');
        if (!headings.includes(section)) missing.push(`${file}: docs/${page}.md "${section}"`);
      }
    }
    expect(missing).toEqual([]);
    expect(cited).toBeGreaterThan(50);
  });

  it('links only to anchors that exist, in README.md and docs/', () => {
    const broken: string[] = [];
    let linked = 0;
    const markdownFiles = files.filter((f) => f === 'README.md' || (f.startsWith('docs/') && f.endsWith('.md')));
    for (const file of markdownFiles) {
      const text = texts.get(file) ?? '';
      const base = file.startsWith('docs/') ? 'docs/' : '';
      for (const match of text.matchAll(/\]\(([^)\s#]*)#([^)\s]+)\)/g)) {
        const target = match[1] ? `${base}${match[1]}`.replace(/^docs\/\.\.\//, '') : file;
        const anchors = headingsOf(texts.get(target) ?? '').map(slug);
        linked++;
        if (!anchors.includes(match[2] ?? '')) broken.push(`${file}: ${match[0]}`);
      }
    }
    expect(broken).toEqual([]);
    expect(linked).toBeGreaterThan(10);
  });
});
