/**
 * The `memhole` command: `main(argv, io)` parses arguments with commander and runs one command, turning any
 * error into one clear line and a documented exit code. Tests call it in-process; bin.ts is the process face.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '../config/load-config.ts';
import { StorageError } from '../../storage/index.ts';
import { crawlCommand } from './commands/crawl.ts';
import { DIFF_FORMATS, diffCommand } from './commands/diff.ts';
import { exportCommand } from './commands/export.ts';
import { feedCommand } from './commands/feed.ts';
import { importCommand, reextractCommand } from './commands/import.ts';
import { recheckCommand } from './commands/recheck.ts';
import { reportCommand } from './commands/report.ts';
import { REPORT_FORMATS } from '../report/report-formats.ts';
import { SEARCH_EVENTS, SEARCH_STATES, searchCommand } from './commands/search.ts';
import { reindexCommand } from './commands/reindex.ts';
import { runCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { showCommand } from './commands/show.ts';
import { sourcesCommand } from './commands/sources.ts';
import { statusCommand } from './commands/status.ts';
import { verifyCommand } from './commands/verify.ts';
import { CliError, EXIT, type CliIo } from './io.ts';
import { VERSION } from './version.ts';

const EXIT_CODES_HELP = `
Exit codes:
  0  done (a crawl that recorded 404s or network failures succeeded; see its counts)
  1  the command could not do its job (storage, an unexpected failure)
  2  wrong arguments or options
  3  configuration error (the message names the file, the line and the fix)
  4  nothing archived matches (show, search, diff; report or feed of a source with no pages)`;

const WINDOW_HELP = `
Times: --since and --until take a duration back from now (7d, 12h) or a date or time (2026-03-01,
2026-03-01T08:00, Asia/Shanghai unless an offset is given); a bare --until date includes that whole day.`;

const GLOBAL_HELP = `
Configuration: memhole.config.yaml (or .yml, .json) in the working directory, or --config <file>.
Data folder: ./memhole-data unless --data <dir>, MEMHOLE_DATA or the configuration's dataDir says otherwise.`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('memhole')
    .description('A censorship-aware news archive: capture articles and their comment threads, prove what vanished and when.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `${GLOBAL_HELP}\n${EXIT_CODES_HELP}`);

  const withGlobal = (command: Command): Command =>
    command
      .option('--config <file>', 'configuration file (default: memhole.config.yaml in the working directory)')
      .option('--data <dir>', 'data folder (default: ./memhole-data, or MEMHOLE_DATA)')
      .addHelpText('after', EXIT_CODES_HELP);

  withGlobal(
    program
      .command('crawl')
      .description('Crawl articles, listing pages or feeds into the archive')
      .argument('[urls...]', 'article, listing (category, tag, paginated) or feed URLs')
      .option('--source <id>', 'crawl a configured source: its feeds and start URLs')
      .option('--adapter <id>', 'read every URL as this adapter\'s site (for a local copy of a site), e.g. cdt')
      .option('--max-articles <n>', 'stop fetching articles after this many', positiveInt)
      .option('--render', 'also render every article page in Chromium (DOM and full-page screenshot)')
      .option('--json', 'print the summary as JSON'),
  ).action(async (urls: string[], options) => {
    exitCode = await crawlCommand(urls, options, io);
  });

  const exporter = program.command('export').description('Export the archive');
  withGlobal(
    exporter
      .command('markdown')
      .description('Write one markdown file per article version under <dir>/<source>/<yyyy>/<mm>/')
      .argument('<dir>', 'folder to write into (created if missing)')
      .option('--source <id>', 'only this source')
      .option('--with-images', 'write the archived images under <dir>/assets/ and point the markdown at them')
      .option('--json', 'print the list of files as JSON'),
  ).action(async (dir: string, options) => {
    exitCode = await exportCommand('markdown', dir, options, io);
  });

  const tableHelp = (format: string): string =>
    `\nTables (${format}): articles (every version of every article), checks (every re-check) and events (removals,\n` +
    'restorations, edits). Columns:\n' +
    '  articles  page_key, url, source, page_state, version, article_id, capture_id, capture_how, capture_url,\n' +
    '            captured_at, title, headline, author, published_at, published_text, column, origin_name,\n' +
    '            origin_url, card_title, card_author, card_published, topics, collection, copyright, tags,\n' +
    '            categories, extractor_version, text_hash, markdown_path, body\n' +
    '  checks    check_id, page_key, url, source, checked_at, outcome, status, final_url, notice, notice_platform,\n' +
    '            removed_by, failure_kind, state_before, state_after, capture_id, article_id\n' +
    '  events    event_id, page_key, url, source, at, kind, from_state, to_state, removal_kind, removed_by, notice,\n' +
    '            check_ids, from_article_id, to_article_id\n' +
    'Times are ISO 8601 in UTC. markdown_path is where `memhole export markdown` writes the version.';
  // jsonl and csv: the same tables, the same options; csv adds --bom.
  const tableFormats = [
    {
      format: 'jsonl',
      description: 'Write articles, checks and events as JSON lines: <dir>/{articles,checks,events}.jsonl, or one file',
      argument: '<dir|file>',
      argumentHelp: 'a folder (one file per table), a file ending .jsonl (each line has "type"), or - for stdout',
      notes: 'Lists (topics, tags, check_ids, ...) are JSON arrays.',
    },
    {
      format: 'csv',
      description: 'Write articles, checks and events as CSV (RFC 4180, UTF-8): <dir>/{articles,checks,events}.csv',
      argument: '<dir>',
      argumentHelp: 'folder to write into (created if missing)',
      notes: 'Lists are joined with "; ". Fields with commas, quotes or line breaks are quoted.',
    },
  ] as const;
  for (const table of tableFormats) {
    const command = exporter
      .command(table.format)
      .description(table.description)
      .argument(table.argument, table.argumentHelp)
      .option('--source <id>', 'only this source')
      .option('--body <what>', 'the body of each article version: markdown, text or none', 'markdown')
      .option('--json', 'print the summary as JSON')
      .addHelpText('after', `${tableHelp(table.format.toUpperCase())}\n${table.notes}`);
    if (table.format === 'csv') command.option('--bom', 'start each file with a UTF-8 byte-order mark (for spreadsheet programs)');
    withGlobal(command).action(async (target: string, options) => {
      exitCode = await exportCommand(table.format, target, options, io);
    });
  }

  withGlobal(
    exporter
      .command('warc')
      .description('Write every capture as WARC 1.1 records (gzip per record) for replay tools such as pywb or replayweb.page')
      .argument('<file>', 'the WARC file: <name>.warc.gz, or <name>.warc for uncompressed records')
      .option('--source <id>', 'only pages of this source')
      .option('--revisits', 'write a capture whose body was already written as a revisit record pointing at the first')
      .option('--json', 'print the summary as JSON')
      .addHelpText(
        'after',
        '\nRecords: a warcinfo record first; each HTTP fetch as a response record (status line and the headers as\n' +
          'received, in order, with chunked framing removed and Content-Length set to the stored body, which keeps\n' +
          'its Content-Encoding) and its request record; each redirect hop as its own response (status and Location\n' +
          'only: that is what the archive keeps of a hop). Rendered DOMs, screenshots, feed copies and imported files\n' +
          'are resource records at urn:dom:<url>, urn:screenshot:<url>, urn:feed-item:<url> and urn:import:<url>.\n' +
          'Fetches that got no response (DNS, refused, reset, TLS, timeout) are not responses: they are written as\n' +
          'metadata records only, with the kind of failure. Every capture has a metadata record naming its page.',
      ),
  ).action(async (file: string, options) => {
    exitCode = await exportCommand('warc', file, options, io);
  });

  withGlobal(
    program
      .command('show')
      .description('Show what the archive holds for a page: aliases, captures, the latest article and its comments')
      .argument('<url|key>', 'a URL crawled before, or a canonical key such as cdt:685611')
      .option('--json', 'print everything as JSON'),
  ).action(async (target: string, options) => {
    exitCode = await showCommand(target, options, io);
  });

  withGlobal(
    program
      .command('diff')
      .description("What changed in a page's text: between two archived versions (default: the last two), or between a capture and the last good version")
      .argument('[url|key]', 'a URL crawled before, or a canonical key such as cdt:685611')
      .option('--from <version>', 'the older version, such as v1')
      .option('--to <version>', 'the newer version (default: the latest)')
      .option('--capture <id>', 'compare what this capture shows with the last good version before it', positiveInt)
      .addOption(new Option('--format <format>', 'unified text, side-by-side HTML, or JSON').choices(DIFF_FORMATS).default('unified'))
      .option('--out <file>', 'write the diff to this file instead of the standard output'),
  ).action(async (target: string | undefined, options) => {
    exitCode = await diffCommand(target, options, io);
  });

  withGlobal(
    program
      .command('add')
      .description('Track a single URL: capture it now as an article; re-checks follow it from then on')
      .argument('<url>', 'the article URL')
      .option('--adapter <id>', "read it as this adapter's site")
      .option('--render', 'also render it in Chromium (DOM and full-page screenshot)')
      .option('--json', 'print the summary as JSON'),
  ).action(async (url: string, options) => {
    exitCode = await crawlCommand([url], { ...options, single: true }, io);
  });

  withGlobal(
    program
      .command('sources')
      .description('The configured sources and their health: last crawl, tracked pages by state, adapter warnings')
      .option('--json', 'print as JSON'),
  ).action(async (options) => {
    exitCode = await sourcesCommand(options, io);
  });

  withGlobal(
    program
      .command('import')
      .description('Import mirror files (the CDT mirror format, GitHub markdown mirrors) as import captures')
      .argument('<file|dir>', 'a mirror file, or a folder searched for .txt, .md and .html files')
      .option('--source <id>', 'record the pages under this source id')
      .option('--json', 'print what each file became as JSON'),
  ).action(async (target: string, options) => {
    exitCode = await importCommand(target, options, io);
  });

  withGlobal(
    program
      .command('reextract')
      .description('Run the current extractors over stored captures (no fetching); never recorded as an edit')
      .option('--source <id>', 'only pages of this source')
      .option('--json', 'print the summary as JSON'),
  ).action(async (options) => {
    exitCode = await reextractCommand(options, io);
  });

  withGlobal(
    program
      .command('recheck')
      .description('Re-check the pages that are due, once, and classify what each shows (alive, edited, removed, ...)')
      .option('--all', 'check every tracked page now, not only those due')
      .option('--source <id>', 'only pages of this source')
      .option('--json', 'print the summary as JSON'),
  ).action(async (options) => {
    exitCode = await recheckCommand(options, io);
  });

  withGlobal(
    program
      .command('run')
      .description('Run as a daemon: crawl each source on its schedule and re-check pages as they fall due (stop with Ctrl-C)')
      .option('--poll <ms>', 'longest sleep between two looks at what is due', positiveInt, 60_000)
      .option('--cycles <n>', 'stop after this many cycles', positiveInt),
  ).action(async (options) => {
    exitCode = await runCommand({ ...options, pollMs: options.poll }, io);
  });

  withGlobal(
    program
      .command('status')
      .description('Pages by state, what is due, recent removals and adapter warnings')
      .option('--json', 'every page not alive with its state, removal kind and evidence, as JSON'),
  ).action(async (options) => {
    exitCode = await statusCommand(options, io);
  });

  withGlobal(
    program
      .command('serve')
      .description('Open the archive in a browser: search, timelines, snapshots, diffs and removal reports (read-only)')
      .option('--host <address>', 'address to listen on; another than 127.0.0.1 shares the archive with the network', '127.0.0.1')
      .option('--port <n>', 'port to listen on (0 picks a free one)', port, 8357),
  ).action(async (options) => {
    exitCode = await serveCommand(options, io);
  });

  withGlobal(
    program
      .command('search')
      .description('Search every archived article version and comment thread; removed pages are found too, and marked')
      .argument('<query>', 'words (all must be found), Chinese words of two characters or more, "quoted phrases"; simplified or traditional')
      .option('--source <ids>', 'only these sources (comma-separated, or repeat the option)', list)
      .option('--state <states>', `only pages in these states: ${SEARCH_STATES.join(', ')}`, list)
      .option('--event <kinds>', `only pages with an event of these kinds: ${SEARCH_EVENTS.join(', ')}`, list)
      .option('--tag <name>', 'only versions with this topic or tag (repeat for any of several)', collect)
      .option('--published-since <when>', 'published at or after: 2024-06-01, 2024-06-01T08:30 (Shanghai time), or 7d ago')
      .option('--published-until <when>', 'published at or before (a day counts whole)')
      .option('--captured-since <when>', 'the version captured at or after')
      .option('--captured-until <when>', 'the version captured at or before')
      .option('--removed-since <when>', 'pages found removed at or after')
      .option('--removed-until <when>', 'pages found removed at or before')
      .option('--limit <n>', 'pages to show', positiveInt, 20)
      .option('--offset <n>', 'pages to skip, for the next page of results', nonNegativeInt, 0)
      .option('--json', 'print the results as JSON, snippets with highlight offsets'),
  ).action(async (query: string, options) => {
    exitCode = await searchCommand(query, options, io);
  });

  withGlobal(
    program
      .command('verify')
      .description('Check the archive read-only: re-hash every blob and resolve every link between rows')
      .option('--json', 'print the report as JSON')
      .addHelpText(
        'after',
        '\nEvery blob is decompressed and its sha-256 compared with its key; every reference between rows (captures to\n' +
          'blobs and pages, articles to captures, comments to threads, checks and events to pages, checks and articles)\n' +
          'must find its row. Each problem is printed with the rows that depend on it. Exit 1 when anything is\n' +
          'corrupt or missing; nothing is written.',
      ),
  ).action(async (options) => {
    exitCode = await verifyCommand(options, io);
  });

  /** The window options `report` and `feed` share. */
  const withWindow = (command: Command, since: string, what: string): Command =>
    withGlobal(
      command
        .option('--since <when>', 'start of the window: a duration back from now or a date', since)
        .option('--until <when>', 'end of the window (default: now)')
        .option('--source <id>', 'only pages of this source')
        .option('--markdown-base <dir|url>', 'where `memhole export markdown` wrote the tree, to prefix the last good markdown paths')
        .option('--out <file>', `write the ${what} to this file instead of the standard output`)
        .addHelpText('after', WINDOW_HELP),
    );

  withWindow(
    program
      .command('report')
      .description('Every page removed, restored or edited in a window, with the evidence, the original, the last good markdown, surviving copies and diffs')
      .addOption(new Option('--format <format>', 'Markdown, HTML (with a chart), JSON or CSV').choices(REPORT_FORMATS).default('md'))
      .option('--bom', 'start the CSV with a UTF-8 byte-order mark, for spreadsheet programs (default: none)'),
    '7d',
    'report',
  ).action(async (options) => {
    exitCode = await reportCommand(options, io);
  });

  withWindow(program.command('feed').description('The removals of a window as an Atom 1.0 feed'), '30d', 'feed').action(async (options) => {
    exitCode = await feedCommand(options, io, VERSION);
  });

  withGlobal(
    program
      .command('reindex')
      .description('Rebuild the search index from the archived articles and comments, and print what it holds')
      .option('--json', 'print the counts as JSON'),
  ).action(async (options) => {
    exitCode = await reindexCommand(options, io);
  });

  try {
    if (!argv.length) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return parsed;
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return parsed;
}

function nonNegativeInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number of 0 or more');
  return parsed;
}

/** A comma-separated option that may also be repeated. */
function list(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((item) => item.trim()).filter(Boolean)];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Help and version are successful exits; commander already printed parse errors.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof CliError) {
    io.stderr.write(`memhole: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof ConfigError) {
    io.stderr.write(`memhole: configuration error:\n${error.message}\n`);
    return EXIT.config;
  }
  if (error instanceof StorageError) {
    io.stderr.write(`memhole: storage error: ${error.message}\n`);
    return EXIT.failure;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`memhole: unexpected failure: ${message}\n`);
  return EXIT.failure;
}
