// Building DOM from data without innerHTML, so text from stories can never become markup.

/** h("a", {href, class: "x", onclick}, "text", child…) → element; null/false children are skipped. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Text with the given [start, end) ranges wrapped in <mark> (overlaps merged), each titled with its evidence. */
export function highlighted(text, ranges) {
  const sorted = ranges.filter((r) => r.start < r.end && r.end <= text.length).sort((a, b) => a.start - b.start);
  const merged = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
      last.notes.push(range.note);
    } else merged.push({ start: range.start, end: range.end, notes: [range.note] });
  }
  const parts = [];
  let at = 0;
  for (const range of merged) {
    parts.push(text.slice(at, range.start));
    parts.push(h("mark", { title: range.notes.filter(Boolean).join("; ") }, text.slice(range.start, range.end)));
    at = range.end;
  }
  parts.push(text.slice(at));
  return parts.filter((p) => p !== "");
}
