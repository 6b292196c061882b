#!/usr/bin/env node
/** The rulecmp command line as ES modules (`npx tsx src/cli/main.ts`, dist/src/cli/main.js); the shipped bin is the bundle of run.ts. */
import { main } from './run.js';

await main(process.argv);
