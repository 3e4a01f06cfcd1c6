#!/usr/bin/env node
// Runs a TypeScript file of the project (benchmarks, scripts) through tsx, with process.argv as
// if the script had been run directly (argv[1] is the script's path).
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
register();
const file = process.argv[2];
if (!file) { console.error('usage: run-ts FILE.ts [args]'); process.exit(1); }
process.argv.splice(1, 2, path.resolve(file));
await import(pathToFileURL(path.resolve(file)).href);
