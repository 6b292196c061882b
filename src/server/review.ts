/**
 * The draft review in the web app: the Review page and POST /api/review. The review itself
 * (src/review, issue 9) is not in this branch yet: until it is, the page says so and the API
 * answers 503.
 */
import { h, layout } from './html.js';
import { html, HttpError } from './http.js';
import type { Context } from './index.js';
import type { Answer } from './http.js';

interface ReviewRoute {
  method: 'GET' | 'POST';
  pattern: string;
  handler: (c: Context) => Answer | Promise<Answer>;
}

export function reviewRoutes(): ReviewRoute[] {
  const unavailable = () => {
    throw new HttpError(503, 'the draft review is not part of this build yet');
  };
  return [
    { method: 'GET', pattern: '/review', handler: () => html(layout(h`<h1>草案审查</h1><p class="notice">草案审查功能尚未合入本版本。</p>`, { title: '草案审查', page: 'review', path: '/review' })) },
    { method: 'POST', pattern: '/api/review', handler: unavailable },
  ];
}
