// The timeline strip: stories on screen per month, brushed with the pointer or the keyboard to filter by date.
import { h } from "./dom.js";

/** Every month from first to last inclusive, as YYYY-MM. */
export function monthsBetween(first, last) {
  const months = [];
  let [year, month] = first.split("-").map(Number);
  const [endYear, endMonth] = last.split("-").map(Number);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const label = (month) => `${MONTH_NAMES[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`;

export class Timeline {
  /** @param onBrush (since|null, until|null) called when a brush ends */
  constructor(element, onBrush) {
    this.element = element;
    this.onBrush = onBrush;
    this.months = [];
    this.range = null;
    this.bars = h("div", { class: "bars", tabindex: "0", role: "group",
      "aria-label": "Stories per month. Left and right arrows choose a month, Shift with an arrow widens the range, Escape shows all dates." });
    this.caption = h("span", { class: "caption", "aria-live": "polite" });
    this.clear = h("button", { type: "button", class: "link", onclick: () => this.onBrush(null, null) }, "all dates");
    element.replaceChildren(h("div", { class: "timeline-head" }, h("strong", {}, "Timeline"), " ", this.caption, " ", this.clear), this.bars);
    this.bars.addEventListener("pointerdown", (event) => this.startBrush(event));
    this.bars.addEventListener("keydown", (event) => this.onKey(event));
  }

  /** Redraws for story dates (YYYY-MM-DD) and the brushed range (months, inclusive). */
  update(dates, since, until) {
    const counts = new Map();
    for (const date of dates) {
      if (date) counts.set(date.slice(0, 7), (counts.get(date.slice(0, 7)) || 0) + 1);
    }
    const known = [...counts.keys()].sort();
    this.months = known.length ? monthsBetween(known[0], known[known.length - 1]) : [];
    this.range = since || until ? [since || this.months[0], until || this.months[this.months.length - 1]] : null;
    const largest = Math.max(1, ...counts.values());
    this.bars.replaceChildren(...this.months.map((month, index) => {
      const count = counts.get(month) || 0;
      const inside = !this.range || (month >= this.range[0] && month <= this.range[1]);
      const showLabel = index === 0 || month.endsWith("-01") || this.months.length <= 12;
      return h("div", { class: `bar${inside ? " in" : ""}`, "data-month": month, title: `${label(month)}: ${count} ${count === 1 ? "story" : "stories"}` },
        h("span", { class: "fill", style: `height:${Math.round((count / largest) * 100)}%` }),
        h("span", { class: "month" }, showLabel ? label(month) : ""));
    }));
    this.element.hidden = this.months.length === 0;
    this.caption.textContent = this.range
      ? `showing ${label(this.range[0])}${this.range[1] !== this.range[0] ? ` – ${label(this.range[1])}` : ""}`
      : `${dates.length} ${dates.length === 1 ? "story" : "stories"} on screen; drag across months to filter`;
    this.clear.hidden = !this.range;
  }

  /** The month whose bar is nearest the pointer's x. */
  monthAt(clientX) {
    let best = null;
    let distance = Infinity;
    for (const bar of this.bars.children) {
      const box = bar.getBoundingClientRect();
      const d = clientX < box.left ? box.left - clientX : clientX > box.right ? clientX - box.right : 0;
      if (d < distance) {
        best = bar.dataset.month;
        distance = d;
      }
    }
    return best;
  }

  startBrush(event) {
    if (!this.months.length) return;
    event.preventDefault();
    this.bars.setPointerCapture(event.pointerId);
    const anchor = this.monthAt(event.clientX);
    const mark = (other) => {
      const [from, to] = [anchor, other].sort();
      for (const bar of this.bars.children) bar.classList.toggle("in", bar.dataset.month >= from && bar.dataset.month <= to);
      return [from, to];
    };
    let range = mark(anchor);
    const move = (e) => { range = mark(this.monthAt(e.clientX)); };
    const end = () => {
      this.bars.removeEventListener("pointermove", move);
      this.bars.removeEventListener("pointerup", end);
      this.bars.removeEventListener("pointercancel", end);
      this.onBrush(range[0], range[1]);
    };
    this.bars.addEventListener("pointermove", move);
    this.bars.addEventListener("pointerup", end);
    this.bars.addEventListener("pointercancel", end);
  }

  onKey(event) {
    if (!this.months.length) return;
    if (event.key === "Escape") {
      this.onBrush(null, null);
      return;
    }
    const step = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
    if (!step) return;
    event.preventDefault();
    const [from, to] = this.range || [null, null];
    const at = (month, fallback) => (month ? this.months.indexOf(month) : fallback);
    const clamp = (i) => this.months[Math.min(Math.max(i, 0), this.months.length - 1)];
    if (event.shiftKey && from) this.onBrush(step < 0 ? clamp(at(from) - 1) : from, step > 0 ? clamp(at(to) + 1) : to);
    else {
      const month = clamp(at(step > 0 ? to : from, step > 0 ? -1 : this.months.length) + step);
      this.onBrush(month, month);
    }
  }
}
