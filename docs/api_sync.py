"""Keep a copy of the whole dataset, fetching only what changed since the last run.
Usage: python api_sync.py [API address]; the copy is kept in tracker-copy.json."""

import json
import pathlib
import sys
import urllib.parse
import urllib.request

API = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/api/v1/"
COPY = pathlib.Path("tracker-copy.json")
state = json.loads(COPY.read_text()) if COPY.exists() else {"since": {}, "tables": {}}


def get(url):
    return json.load(urllib.request.urlopen(url))


for name, about in get(API)["lists"].items():
    rows, since = state["tables"].setdefault(name, {}), state["since"].get(name, "1900-01-01")
    page = get(f"{about['url']}?per_page=1000&updated_since={urllib.parse.quote(since)}")
    state["since"][name], changed = page["sync_from"], page["count"]
    while True:
        rows.update({str(row[about["id_column"]]): row for row in page["results"]})
        if not page["next"]:
            break
        page = get(page["next"])
    deleted = get(f"{about['url']}deleted/?since={urllib.parse.quote(since)}")["results"]
    for row in deleted:
        rows.pop(str(row["id"]), None)
    print(f"{name}: {changed} changed, {len(deleted)} deleted, {len(rows)} kept")
COPY.write_text(json.dumps(state))
