/**
 * The web app's one browser script (served as /assets/app.js from the fixed asset table; the
 * pages carry no inline script). It only moves, sorts, hides and counts what the server
 * rendered: it never builds HTML from data (no innerHTML), so nothing here can inject markup.
 */
export {};

const $$ = <E extends Element = HTMLElement>(sel: string, root: ParentNode = document): E[] => Array.from(root.querySelectorAll<E>(sel));

function scrollToElement(el: Element | null): void {
  if (!el) return;
  el.scrollIntoView({ block: 'center', inline: 'center' });
}

// ------------------------------------------------------------------ document: the article a link names

function documentPage(): void {
  const key = document.body.dataset.target;
  if (key) scrollToElement(document.getElementById(key));
}

// ------------------------------------------------------------------ compare: step through the changes

function comparePage(): void {
  for (const sel of $$<HTMLSelectElement>('select[data-autosubmit]')) sel.addEventListener('change', () => sel.form?.requestSubmit());
  const focus = document.body.dataset.focus;
  if (focus) scrollToElement(document.getElementById(focus));
  const changes = $$('.cmp .chg');
  const out = document.getElementById('changes') as HTMLOutputElement | null;
  if (!out) return;
  let at = -1;
  const show = (i: number) => {
    if (!changes.length) return;
    changes[at]?.classList.remove('current');
    at = (i + changes.length) % changes.length;
    const el = changes[at]!;
    el.classList.add('current');
    out.value = `第 ${at + 1} / ${changes.length} 处差异`;
    out.dataset.current = String(at + 1);
    scrollToElement(el);
  };
  for (const b of $$<HTMLButtonElement>('button[data-step]')) {
    b.disabled = changes.length === 0;
    b.addEventListener('click', () => show(at + Number(b.dataset.step)));
  }
  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement) return;
    if (e.key === 'n' || e.key === 'j') show(at + 1);
    if (e.key === 'p' || e.key === 'k') show(at - 1);
  });
}

// ------------------------------------------------------------------ facts: sort and filter the tables

function cellValue(row: HTMLTableRowElement, col: number): { num: number | null; text: string } {
  const cell = row.cells[col];
  const sort = cell?.dataset.sort;
  return { num: sort !== undefined && sort !== '' && Number.isFinite(Number(sort)) ? Number(sort) : null, text: cell?.textContent?.trim() ?? '' };
}

function sortable(table: HTMLTableElement): void {
  const body = table.tBodies[0];
  if (!body) return;
  const heads = $$<HTMLButtonElement>('thead button[data-sort-col]', table);
  heads.forEach((button, col) => {
    button.addEventListener('click', () => {
      const th = button.closest('th')!;
      const asc = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of $$('thead th', table)) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      const rows = Array.from(body.rows);
      rows.sort((x, y) => {
        const a = cellValue(x, col);
        const b = cellValue(y, col);
        // Empty cells last, whichever the direction.
        if (!a.text || a.text === '—') return 1;
        if (!b.text || b.text === '—') return -1;
        const d = a.num !== null && b.num !== null ? a.num - b.num : a.text.localeCompare(b.text, 'zh-CN');
        return asc ? d : -d;
      });
      body.append(...rows);
    });
  });
}

function factsPage(): void {
  for (const t of $$<HTMLTableElement>('table.sortable')) sortable(t);
  const text = document.querySelector<HTMLInputElement>('input[data-filter-text]');
  const district = document.querySelector<HTMLSelectElement>('select[data-filter-district]');
  const count = document.querySelector<HTMLOutputElement>('output[data-filter-count]');
  const apply = () => {
    const q = text?.value.trim() ?? '';
    const d = district?.value ?? '';
    let shown = 0;
    for (const row of $$<HTMLTableRowElement>('table.facts tbody tr')) {
      const ok = (!d || row.dataset.district === d) && (!q || (row.textContent ?? '').includes(q));
      row.hidden = !ok;
      if (ok) shown++;
    }
    if (count) count.value = q || d ? `显示 ${shown} 项` : '';
  };
  text?.addEventListener('input', apply);
  district?.addEventListener('change', apply);
}

// ------------------------------------------------------------------ review: the file chosen

function reviewPage(): void {
  const file = document.querySelector<HTMLInputElement>('input[type=file][name=file]');
  const text = document.querySelector<HTMLTextAreaElement>('textarea[name=text]');
  file?.addEventListener('change', () => {
    if (file.files?.length && text) text.required = false;
  });
  const form = document.querySelector<HTMLFormElement>('form.review');
  form?.addEventListener('submit', () => {
    const b = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (b) {
      b.disabled = true;
      b.textContent = '审查中…';
    }
  });
}

const pages: Record<string, () => void> = { document: documentPage, compare: comparePage, facts: factsPage, review: reviewPage };
pages[document.body.dataset.page ?? '']?.();
