import type { Command } from 'commander';
import { classifyDocuments, loadTaxonomy } from '../../classify/index.js';
import type { RuleDocument, TopicScore } from '../../model.js';
import { shortLabel } from '../../report/articles.js';
import { treeOrder, documentHeading } from '../../report/coverage.js';
import { EXIT, guarded } from '../errors.js';
import { loadForCommand } from '../load.js';

const scoreText = (s: TopicScore, name: (id: string) => string) =>
  `${name(s.topic)} ${s.score.toFixed(2)} (${[...s.evidence.cues.slice(0, 4).map((c) => (c.count > 1 ? `${c.term}×${c.count}` : c.term)), ...(s.evidence.chapter ? [`chapter ${s.evidence.chapter}`] : [])].join(', ')})`;

export function register(program: Command): void {
  program
    .command('topics')
    .description('list the topic taxonomy (data/topics.json), or with --articles the topics of every article')
    .argument('[files...]', 'documents for --articles; default: every document in --corpus')
    .option('--corpus <dir>', 'corpus directory', 'corpus')
    .option('--articles', 'classify the articles of the documents: topics, scores and evidence; unclassified articles listed')
    .option('--json', 'print JSON (the taxonomy, or with --articles the classification)')
    .action(
      guarded((files: string[], opts: { corpus: string; articles?: boolean; json?: boolean }) => {
        const taxonomy = loadTaxonomy();
        const name = (id: string) => taxonomy.byId.get(id)?.name ?? id;
        if (!opts.articles) {
          if (files.length) process.stderr.write('rulecmp: files are only read with --articles; listing the taxonomy\n');
          if (opts.json) return void process.stdout.write(JSON.stringify({ topics: taxonomy.topics }, null, 2) + '\n');
          const lines = treeOrder(taxonomy).map(({ topic, depth }) => `${'  '.repeat(depth)}${topic.name}  ${topic.id}\n${'  '.repeat(depth)}    ${topic.description}${topic.cues.length ? `\n${'  '.repeat(depth)}    cues: ${topic.cues.join(' ')}` : ''}`);
          process.stdout.write(`${taxonomy.topics.length} topics (data/topics.json)\n\n${lines.join('\n')}\n`);
          return;
        }
        const { documents, failed } = loadForCommand(files, opts);
        const classification = classifyDocuments(documents, taxonomy);
        if (opts.json) process.stdout.write(JSON.stringify(classification, null, 2) + '\n');
        else {
          const byDoc = new Map<string, RuleDocument>(documents.map((d) => [d.id, d]));
          let current = '';
          for (const a of classification.assignments) {
            if (a.article.docId !== current) {
              current = a.article.docId;
              process.stdout.write(`\n${documentHeading(byDoc.get(current)!)} (${current})\n`);
            }
            const main = a.topics.length ? a.topics.map((t) => scoreText(t, name)).join('; ') : 'UNCLASSIFIED';
            process.stdout.write(`  ${shortLabel(a.article.label).padEnd(8, '　')} ${main}\n`);
            for (const p of a.paragraphs) process.stdout.write(`      款${p.index}: ${p.topics.length ? p.topics.map((t) => scoreText(t, name)).join('; ') : '—'}\n`);
          }
          const u = classification.unclassified;
          process.stdout.write(`\n${classification.assignments.length} articles, ${u.length} unclassified${u.length ? ': ' + u.map((r) => `${r.docId} ${shortLabel(r.label)}`).join(', ') : ''}\n`);
        }
        if (failed) process.exitCode = EXIT.failed;
      }),
    );
}
