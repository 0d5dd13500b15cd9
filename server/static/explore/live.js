// Live: notices when an import changes the graph while the page is open, and offers to refresh.
import { graphVersion } from "./api.js";

const POLL_MS = 15000;

export class LiveVersion {
  /** @param onChange (newVersion) called once per new graph version seen */
  constructor(onChange) {
    this.onChange = onChange;
    this.known = null;
    this.check();
    setInterval(() => this.check(), POLL_MS);
    document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && this.check());
    window.addEventListener("focus", () => this.check());
  }

  async check() {
    let version;
    try {
      version = await graphVersion();
    } catch {
      return; // The next poll tries again; API calls report an unreachable server in words.
    }
    if (this.known === null) this.known = version;
    else if (version !== this.known && version !== this.offered) {
      this.offered = version;
      this.onChange(version);
    }
  }

  /** The page has refreshed onto `version`. */
  accept(version) {
    this.known = version;
    this.offered = null;
  }
}
