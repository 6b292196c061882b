#!/usr/bin/env node
/** The rulecmp command line. Each command lives in commands/<name>.ts. */
import { Command } from 'commander';
import { configureTokenizerFromEnv } from '../io/jieba.js';
import { quietOnClosedPipe } from './pipe.js';
import { register as build } from './commands/build.js';
import { register as segment } from './commands/segment.js';
// commands: each stage registers its command below this line
import { register as report } from './commands/report.js';
import { register as facts } from './commands/facts.js';
import { register as topics } from './commands/topics.js';
import { register as alignCommand } from './commands/align.js';
import { register as search } from './commands/search.js';
import { register as review } from './commands/review.js';
import { register as exportCommand } from './commands/export.js';
import { register as serve } from './commands/serve.js';

quietOnClosedPipe(); // `rulecmp … | head` ends quietly
configureTokenizerFromEnv(); // RULECMP_TOKENIZER=nodejieba
const program = new Command();
program
  .name('rulecmp')
  .description('Compare Chinese local-government work rules (政府工作规则) clause by clause')
  .version('0.1.0')
  .showHelpAfterError('(run rulecmp --help for usage)')
  .configureOutput({ outputError: (s, write) => write(s.split('\n')[0] + '\n') })
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

for (const register of [segment, build, search, topics, alignCommand, facts, report, review, exportCommand, serve]) register(program);

await program.parseAsync(process.argv);
