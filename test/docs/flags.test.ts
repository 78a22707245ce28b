/**
 * The manual cannot drift from the CLI: every command of `chatspec --help` has a page in docs/
 * and a line in the README, and every page's options table lists exactly the long flags the
 * command's own `--help` prints (subcommands such as `load drain` have their own table).
 *
 * The format is strict so that it can be read without guessing: under the heading
 * `## Options` (or `## Options of chatspec load drain` for a subcommand) the first Markdown
 * table is the options table, and its first column holds each option in backticks, as
 * `` `--fixture <file>` `` or `` `-c, --connections <n>` ``. A page that links to the options
 * that start a server (docs/launch.md) documents, besides its own table, those of them its
 * command has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runChatspec } from '../cli/support/run-cli.js';
import { firstColumnUnder } from './support/markdown.js';

/** Every command page, and which commands' options tables it holds. */
const PAGES: readonly { readonly page: string; readonly commands: readonly string[][] }[] = [
  { page: 'docs/test.md', commands: [['test']] },
  { page: 'docs/fuzz.md', commands: [['fuzz']] },
  { page: 'docs/load.md', commands: [['load'], ['load', 'drain'], ['load', 'merge']] },
  { page: 'docs/chat.md', commands: [['chat']] },
  { page: 'docs/serve.md', commands: [['serve']] },
  { page: 'docs/probe.md', commands: [['probe']] },
  { page: 'docs/report.md', commands: [['report']] },
  { page: 'docs/compare.md', commands: [['compare']] },
  { page: 'docs/grade.md', commands: [['grade']] },
];

/**
 * The options that start the server under test (`--run` and its limits) are shared by most
 * commands and documented once, in this table; a page that links to it documents those of
 * them its command has.
 */
const LAUNCH_PAGE = 'docs/launch.md';
const LAUNCH_HEADING = '## The options that start a server';
const LAUNCH_LINK = '](launch.md#the-options-that-start-a-server)';

/** `--help` itself is on every command and documented once, in the README. */
const IMPLICIT = new Set(['--help', '--version']);

const LONG_FLAG = /--[a-z][a-z0-9-]*/g;

/** The long flags of a commander help text's "Options:" section. */
function flagsOfHelp(help: string): string[] {
  const section = help.split(/^Options:$/m)[1]?.split(/^\S.*:$/m)[0];
  if (section === undefined) throw new Error(`no "Options:" section in:\n${help}`);
  const flags: string[] = [];
  for (const line of section.split('\n')) {
    // An option's line starts at two spaces; a wrapped description is indented further.
    const match = /^ {2}(-\S.*?)(?: {2,}|$)/.exec(line);
    if (match) flags.push(...(match[1]!.match(LONG_FLAG) ?? []));
  }
  return flags.filter((f) => !IMPLICIT.has(f)).sort();
}

/** The commands a help text lists under "Commands:", without commander's own `help`. */
function commandsOfHelp(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)]
    .map((m) => m[1]!)
    .filter((c) => c !== 'help');
}

/** The long flags of the options table under `heading` in a Markdown page. */
function flagsOfPage(markdown: string, heading: string, page: string): string[] {
  const flags: string[] = [];
  for (const first of firstColumnUnder(markdown, heading, page)) {
    const code = /^`([^`]+)`$/.exec(first);
    if (!code) throw new Error(`${page}: "${first}" is not an option in backticks`);
    const long = code[1]!.match(LONG_FLAG);
    if (!long) throw new Error(`${page}: "${first}" names no long flag`);
    flags.push(...long);
  }
  return flags.sort();
}

function launchFlags(): string[] {
  return flagsOfPage(readFileSync(join(ROOT, LAUNCH_PAGE), 'utf8'), LAUNCH_HEADING, LAUNCH_PAGE);
}

function headingFor(command: readonly string[]): string {
  return command.length === 1 ? '## Options' : `## Options of chatspec ${command.join(' ')}`;
}

const help = new Map<string, string>();

beforeAll(async () => {
  const all = [[], ...PAGES.flatMap((p) => p.commands)];
  const exits = await Promise.all(all.map((c) => runChatspec([...c, '--help'], 20_000)));
  exits.forEach((exit, i) => {
    expect(exit.code, exit.stderr).toBe(0);
    help.set(all[i]!.join(' '), exit.stdout);
  });
});

describe('the manual against --help', () => {
  it('has a page for every command and every subcommand', () => {
    const documented = new Set(PAGES.flatMap((p) => p.commands.map((c) => c.join(' '))));
    const commands = commandsOfHelp(help.get('')!);
    const subcommands = commands.flatMap((c) =>
      documented.has(c) ? commandsOfHelp(help.get(c)!).map((s) => `${c} ${s}`) : [],
    );
    expect([...commands, ...subcommands].filter((c) => !documented.has(c))).toEqual([]);
  });

  it('links every command page from the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const missing = PAGES.filter((p) => !readme.includes(`](${p.page})`)).map((p) => p.page);
    expect(missing).toEqual([]);
  });

  it(`${LAUNCH_PAGE} lists the options that start a server, each one chatspec test has`, () => {
    const actual = flagsOfHelp(help.get('test')!);
    expect(launchFlags().filter((f) => !actual.includes(f))).toEqual([]);
    expect(launchFlags()).toContain('--run');
  });

  for (const { page, commands } of PAGES) {
    for (const command of commands) {
      it(`${page} lists exactly the flags of chatspec ${command.join(' ')} --help`, () => {
        const markdown = readFileSync(join(ROOT, page), 'utf8');
        const own = flagsOfPage(markdown, headingFor(command), page);
        const actual = flagsOfHelp(help.get(command.join(' '))!);
        const shared = markdown.includes(LAUNCH_LINK)
          ? launchFlags().filter((f) => actual.includes(f) && !own.includes(f))
          : [];
        const documented = [...own, ...shared];
        expect({
          undocumented: actual.filter((f) => !documented.includes(f)),
          notInHelp: documented.filter((f) => !actual.includes(f)),
          listedTwice: documented.filter((f, i) => documented.indexOf(f) !== i),
        }).toEqual({ undocumented: [], notInHelp: [], listedTwice: [] });
      });
    }
  }
});

describe('the parsers of this test', () => {
  it('reads wrapped help lines and short-and-long options', () => {
    const text = [
      'Usage: x',
      '',
      'Options:',
      '  -c, --connections <n>    many',
      '                           --not-a-flag in a description',
      '  --no-color               never',
      '  -h, --help               help',
      '',
      'Commands:',
      '  drain [options] <t>      d',
    ].join('\n');
    expect(flagsOfHelp(text)).toEqual(['--connections', '--no-color']);
    expect(commandsOfHelp(text)).toEqual(['drain']);
  });

  it('refuses a table row that is not an option in backticks', () => {
    const page = '## Options\n\n| option | meaning |\n|---|---|\n| --fixture | users |\n';
    expect(() => flagsOfPage(page, '## Options', 'p.md')).toThrow(/not an option in backticks/);
  });

  it('stops the table at its first non-table line', () => {
    const page = '## Options\n\n| a | b |\n|---|---|\n| `--x <n>` | x |\n\n| `--y` | y |\n';
    expect(flagsOfPage(page, '## Options', 'p.md')).toEqual(['--x']);
  });
});
