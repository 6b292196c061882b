/**
 * JSON for files people may open as well as programs: an object of scalars, objects and arrays with each array
 * element on a line of its own (facts.json, review/*.json). Indented JSON spent a third of a 500-peer review's 3 MB
 * on spaces; one line for the whole would be unreadable and undiffable.
 */
export function recordsJson(o: object): string {
  const fields = Object.entries(o).map(([k, v]) => {
    const value = Array.isArray(v) ? (v.length ? `[\n${v.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]` : '[]') : JSON.stringify(v);
    return `  ${JSON.stringify(k)}: ${value}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}
