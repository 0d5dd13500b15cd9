"""The graphql-http package's server audits, run by node against a real uvicorn server: every audit is ok."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.store import open_store
from server.app import create_app
from server.settings import Settings
from tests.e2e.conftest import require_component

AUDIT = Path(__file__).resolve().parent / "audit"
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def node() -> str:
    """node with graphql-http installed from the npm registry (package-lock.json pins it)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        require_component("node", "install Node.js 20+ with npm to run the GraphQL-over-HTTP audits")
    if not (AUDIT / "node_modules" / "graphql-http").is_dir():
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=AUDIT, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            require_component("graphql-http", f"`npm ci` in {AUDIT} failed: {done.stderr.strip()[-500:]}")
    return node


def test_every_graphql_over_http_audit_passes(node, live_server, tmp_path) -> None:
    store = open_store("memory:")
    url = live_server(create_app(Settings(store_url="memory:", base="http://sg.test/"), store=store)) + "/graphql"
    done = subprocess.run([node, "audit.mjs", url], cwd=AUDIT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert len(results) >= 50
    failures = [f"{r['id']} {r['name']}: {r['status']} {r['reason']}" for r in results if r["status"] != "ok"]
    assert failures == []
