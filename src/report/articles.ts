/** Articles as the reports show them: body text without the label, and how a cell cites one. */
import type { Article, ArticleRef, RuleDocument } from '../model.js';

/** The article's words without its label ('七十六、…' → '…'). */
export function articleBodyText(article: Article): string {
  return article.text.startsWith(article.label) ? article.text.slice(article.label.length).replace(/^[\s\u3000]+/u, '') : article.text;
}

/** The label for display: '七十六、' → '七十六'; '第四十一条' stays. */
export function shortLabel(label: string): string {
  return label.replace(/[、，,．.:：\s\u3000]+$/u, '');
}

/** How a report cites an article: '怀柔区 四十一' (district, then the label as written). */
export function citeText(doc: Pick<RuleDocument, 'id' | 'meta'>, ref: Pick<ArticleRef, 'label'>): string {
  return `${doc.meta.jurisdiction.name ?? doc.id} ${shortLabel(ref.label)}`;
}
