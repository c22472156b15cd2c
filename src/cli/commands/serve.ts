/**
 * `memhole serve`: opens the archive in a browser (src/server) until SIGINT or SIGTERM. Read-only; binds
 * 127.0.0.1 unless --host says otherwise.
 */
import { startArchiveServer } from '../../server/server.ts';
import { openReadOnlyApp, type GlobalOptions } from '../app.ts';
import { CliError, EXIT, type CliIo } from '../io.ts';
import { stopOnSignals } from './run.ts';

export interface ServeCommandOptions extends GlobalOptions {
  host: string;
  port: number;
}

export async function serveCommand(options: ServeCommandOptions, io: CliIo): Promise<number> {
  const app = await openReadOnlyApp(io, options);
  const stop = stopOnSignals();
  try {
    let server;
    try {
      server = await startArchiveServer({ store: app.store, host: options.host, port: options.port, clock: io.clock, log: (line) => io.stderr.write(`${line}\n`) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new CliError(`port ${options.port} on ${options.host} is in use; choose another with --port`, EXIT.failure);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new CliError(`cannot listen on ${options.host}: not an address of this machine; try --host 127.0.0.1`, EXIT.usage);
      throw error;
    }
    io.stdout.write(`memhole serve: the archive at ${app.config.dataDir} is open at ${server.url}/ (read-only; stop with Ctrl-C)\n`);
    while (!stop.stopped) await stop.wait(60_000);
    await server.close();
    io.stderr.write('memhole serve: stopped\n');
    return EXIT.ok;
  } finally {
    stop.dispose();
    await app.close();
  }
}
