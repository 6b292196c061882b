/**
 * Renders a plain-text rules document as the kind of page a district government
 * CMS publishes: stylesheet and analytics script in <head>, a menu bar, a
 * breadcrumb, the document as <p> paragraphs with the usual inline noise
 * (<span style>, <strong>, &nbsp; and U+3000 indents, <br>-joined lines), one
 * stretch laid out as a table, share buttons and a copyright footer.
 *
 * Every non-blank source line is rendered exactly once, in order, and only site
 * chrome is added, so a faithful HTML → text conversion gives the source lines
 * back (modulo runs of ASCII spaces, which HTML cannot express).
 */

export interface RenderOptions {
  /** Text of <title>; defaults to the first non-blank line. */
  title?: string;
  /**
   * Which lines go into the table, as [first, end) indices into the source lines.
   * Defaults to a stretch of about a tenth of the document, two fifths of the way in.
   * Pass null for no table.
   */
  table?: [number, number] | null;
  /** Shifts which lines get which inline treatment, to vary pages built from one text. */
  variant?: number;
}

/** Chrome words the page adds around the document; none may survive extraction. */
export const CHROME_TEXT = [
  '首页',
  '政务公开',
  '政策文件',
  '互动交流',
  '无障碍',
  '长者模式',
  'English',
  '当前位置',
  '网站地图',
  '版权所有',
  '联系我们',
  '京ICP备05060933号',
  '分享到',
  '微信',
  '微博',
  '访问量统计',
  '打印本页',
  '关闭窗口',
  'document.write',
  'font-family',
  '_hmt',
  '您的浏览器不支持JavaScript',
] as const;

export function renderHtml(text: string, opts: RenderOptions = {}): string {
  const lines = text.split(/\r\n|\r|\n/);
  const title = opts.title ?? lines.find((l) => l.trim() !== '')?.trim() ?? '';
  const table = opts.table === undefined ? defaultTable(lines.length) : opts.table;
  const variant = opts.variant ?? 0;

  const body: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (table && i === table[0] && table[1] > table[0]) {
      body.push(renderTable(lines.slice(table[0], table[1])));
      i = table[1];
      continue;
    }
    const line = lines[i]!;
    const kind = (i + variant) % 7;
    const next = lines[i + 1];
    const nextInTable = table !== null && table !== undefined && i + 1 === table[0];
    if (kind === 2 && next !== undefined && next.trim() !== '' && line.trim() !== '' && !nextInTable) {
      // Two source lines in one paragraph, as editors paste them with Shift+Enter.
      body.push(`      <p style="text-indent:2em;">${inline(line, i)}<br>\n        ${inline(next, i + 1)}</p>`);
      i += 2;
      continue;
    }
    body.push(renderLine(line, i, kind));
    i++;
  }

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta http-equiv="X-UA-Compatible" content="IE=edge">
  <title>${escapeHtml(title)}_政策文件_区人民政府网站</title>
  <style type="text/css">
    body { font-family: "Microsoft YaHei", "宋体"; margin: 0; }
    .nav-bar li { float: left; } .breadcrumb a:after { content: " > "; }
    .article-content p { line-height: 2em; text-indent: 2em; }
  </style>
  <script type="text/javascript">
    var _hmt = _hmt || [];
    (function () { var hm = document.createElement("script"); hm.src = "https://hm.example.cn/hm.js"; })();
  </script>
</head>
<body class="page-detail">
  <div class="top-header">
    <div class="logo"><img src="/images/logo.png" alt=""></div>
    <div class="site-toolbar"><a href="#">无障碍</a> | <a href="#">长者模式</a> | <a href="#">English</a></div>
  </div>
  <nav class="nav-bar">
    <ul>
      <li><a href="/">首页</a></li>
      <li><a href="/zwgk/">政务公开</a></li>
      <li><a href="/zwgk/zcwj/">政策文件</a></li>
      <li><a href="/hdjl/">互动交流</a></li>
    </ul>
  </nav>
  <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政策文件</a></div>
  <div class="main-container">
    <div id="zoom" class="article-content TRS_Editor">
${body.join('\n')}
    </div>
    <div class="share-box">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
  </div>
  <div id="footer">
    <p><a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a></p>
    <p>版权所有：区人民政府办公室&nbsp;&nbsp;京ICP备05060933号</p>
  </div>
  <noscript>您的浏览器不支持JavaScript</noscript>
  <script>document.write("<p>" + "访问量统计" + "</p>");</script>
</body>
</html>
`;
}

function defaultTable(n: number): [number, number] | null {
  if (n < 20) return null;
  const first = Math.floor(n * 0.4);
  return [first, first + Math.max(2, Math.floor(n / 10))];
}

/** One source line; the treatments are the ones real CMS output shows. */
function renderLine(line: string, i: number, kind: number): string {
  if (line.trim() === '') {
    // Blank lines come out as empty or nbsp-only paragraphs, or not at all.
    return i % 3 === 0 ? '      <p>&nbsp;</p>' : i % 3 === 1 ? '      <p><br></p>' : '';
  }
  switch (kind) {
    case 0:
      return `      <p>${inline(line, i)}</p>`;
    case 1:
      return `      <p>&nbsp;&nbsp;&nbsp;&nbsp;${inline(line, i)}</p>`;
    case 3:
      return `      <p>\u3000\u3000${inline(line, i)}</p>`;
    case 4:
      // Source formatting whitespace around the run, as template engines emit it.
      return `      <p style="margin:0">\n        <span style="font-family:仿宋_GB2312;font-size:16pt">${escapeHtml(line)}</span>\n      </p>`;
    case 5:
      return `      <div class="para">${inline(line, i)}</div>`;
    default:
      return `      <p class="MsoNormal" align="justify"><span lang="EN-US">${inline(line, i)}</span></p>`;
  }
}

/** Wraps a middle run of the line in <span> or <strong>, never splitting a character. */
function inline(line: string, i: number): string {
  const chars = Array.from(line);
  if (chars.length < 4 || i % 2 === 0) return escapeHtml(line);
  const a = Math.floor(chars.length / 4);
  const b = Math.floor(chars.length / 2);
  const tag = i % 4 === 1 ? 'strong' : 'span style="color:#333"';
  const close = tag.split(' ')[0];
  return (
    escapeHtml(chars.slice(0, a).join('')) +
    `<${tag}>${escapeHtml(chars.slice(a, b).join(''))}</${close}>` +
    escapeHtml(chars.slice(b).join(''))
  );
}

/** A layout table, one row per source line, each line in its own cell. */
function renderTable(lines: string[]): string {
  const rows = lines
    .filter((l) => l.trim() !== '')
    .map((l, k) =>
      k % 2 === 0
        ? `          <tr>\n            <td width="600" valign="top"><p>${escapeHtml(l)}</p></td>\n          </tr>`
        : `          <tr><td>${escapeHtml(l)}</td></tr>`,
    );
  return `      <table class="MsoTableGrid" border="0" cellspacing="0" cellpadding="0">\n        <tbody>\n${rows.join('\n')}\n        </tbody>\n      </table>`;
}

/** Escapes text for element content; &nbsp; is how CMS editors store U+00A0. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\u00A0/g, '&nbsp;');
}
