#!/usr/bin/env node
/** The rulecmp command line. Each command lives in commands/<name>.ts. */
import { Command } from 'commander';
import { register as build } from './commands/build.js';
import { register as segment } from './commands/segment.js';
// commands: each stage registers its command below this line

const program = new Command();
program
  .name('rulecmp')
  .description('Compare Chinese local-government work rules (政府工作规则) clause by clause')
  .version('0.1.0')
  .showHelpAfterError('(run rulecmp --help for usage)')
  .configureOutput({ outputError: (s, write) => write(s.split('\n')[0] + '\n') })
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

for (const register of [segment, build]) register(program);

await program.parseAsync(process.argv);
