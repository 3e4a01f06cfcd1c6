// tracker demo: the main job on the embedded default. Serves the bundled sample corpus on
// loopback, runs the whole pipeline into a fresh SQLite file, builds the site, and says where
// to open it. With --serve it then serves the site until interrupted.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseConfig } from '../config/load.ts';
import { pipelineOptions } from './stages.ts';
import { globalOptions, lockDatabase, UserError } from './context.ts';

/** A TCP port from the command line: a whole number from 1 to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserError(`--port: "${value.slice(0, 40)}" is not a port number (1 to 65535)`, 'port');
  }
  return port;
}

export function registerDemoCommand(program: Command): void {
  program.command('demo')
    .description('run the whole pipeline on the bundled sample corpus (no network needed) and build the site')
    .option('--out <dir>', 'output folder for the site', 'site/dist')
    .option('--serve', 'serve the built site on 127.0.0.1 afterwards, until interrupted')
    .option('--port <port>', 'port for --serve', '4321')
    .action(async (options: { out: string; serve?: boolean; port: string }, command: Command) => {
      const global = globalOptions(command);
      const [{ startSampleServer }, { openDatabase, closeDatabase }, { runPipeline, outputFolder }, { serveSite }] = await Promise.all([
        import('../demo/sampleServer.ts'), import('../db/client.ts'), import('../pipeline.ts'), import('../publish/serveSite.ts'),
      ]);
      const dbPath = global.db ?? 'db/demo.sqlite';
      const port = parsePort(options.port);
      outputFolder(parseConfig({}, '(demo)'), dbPath, options.out);
      // The demo starts from an empty database: never while another command is using it.
      const lock = await lockDatabase(dbPath, global);
      try {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${dbPath}${suffix}`, { force: true });
        const server = await startSampleServer();
        const started = performance.now();
        const config = parseConfig({
          sources: server.sources.map((source) => ({ url: source.url, name: source.name, ...(source.topics ? { topics: source.topics } : {}) })),
          fetch: { allowPrivateHosts: true, minDelayMs: 0, perHostConcurrency: 8, userAgent: 'tracker-demo/1.0' },
          site: { title: 'AI Policy Tracker (sample data)', outDir: options.out },
        }, '(demo)');
        process.stdout.write(`Sample corpus served at ${server.baseUrl} (${server.sources.length} feeds); database ${dbPath}\n`);
        const db = openDatabase(dbPath);
        try {
          const stageOptions = pipelineOptions({ ...global, out: options.out, force: true });
          await runPipeline({ db, config, dbPath }, { ...stageOptions, stages: ['crawl', 'extract', 'cluster'] });
          await server.close();
          const { publish } = await runPipeline({ db, config, dbPath }, { ...stageOptions, stages: ['publish'] });
          const index = path.join(publish!.outDir, 'index.html');
          process.stdout.write(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s. The site is in ${publish!.outDir}\n`);
          if (!options.serve) {
            process.stdout.write(`Open it: run \`npm run demo:serve\` and browse http://127.0.0.1:${port}/ (or \`npx tracker serve --out ${options.out}\`); entry page ${index}\n`);
          }
        } finally {
          closeDatabase(db);
          await server.close().catch(() => {});
        }
      } finally {
        lock?.release();
      }
      if (options.serve) await serveSite(path.resolve(options.out), port);
    });

  program.command('serve')
    .description('serve a built site on 127.0.0.1 for preview')
    .option('--out <dir>', 'the built site folder', 'site/dist')
    .option('--port <port>', 'port', '4321')
    .action(async (options: { out: string; port: string }) => {
      const port = parsePort(options.port);
      if (!options.out.trim()) throw new UserError('--out is empty; give the built site folder');
      const { serveSite } = await import('../publish/serveSite.ts');
      await serveSite(path.resolve(options.out), port);
    });
}
