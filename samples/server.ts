// Serves the sample corpus alone, for a look at it in a browser or a manual crawl:
//   node bin/run-ts.mjs samples/server.ts [--port 8080] [--host 127.0.0.1]
// The server itself is src/demo/sampleServer.ts (tracker demo and the tests use it from there).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSampleServer } from '../src/demo/sampleServer.ts';

export { startSampleServer, type SampleServer, type SampleSource } from '../src/demo/sampleServer.ts';

/** True when this file is the program being run, also through bin/run-ts.mjs (which drops it from argv). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  if (pathToFileURL(path.resolve(entry)).href === import.meta.url) return true;
  if (!/run-ts\.mjs$/.test(entry)) return false;
  try {
    const original = readFileSync('/proc/self/cmdline', 'utf8').split('\0');
    return original.some((arg) => arg !== '' && pathToFileURL(path.resolve(arg)).href === import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const args = process.argv.slice(2);
  const valueOf = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const port = Number(valueOf('--port') ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`samples/server.ts: --port must be a number from 0 to 65535, got "${valueOf('--port')}"`);
    process.exit(1);
  }
  const running = await startSampleServer({ port, host: valueOf('--host') });
  console.log(`sample corpus served at ${running.baseUrl}/ (Ctrl-C to stop)`);
  for (const source of running.sources) console.log(`  ${source.name}: ${source.url}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
