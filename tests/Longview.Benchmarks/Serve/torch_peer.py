"""The Python peer of `./dev bench serve`: the same model served by PyTorch behind FastAPI on uvicorn.

What a team would otherwise build: GET /api/users/{user_id}/recommendations?count=10 reads the user's profile from the
same SQLite profile store Longview serves from (profiles.body: its recent events, read from the compact encoding
or from a JSON document, as a team's reader of that store would), maps the recent items that are interest
(impressions and dislikes left out, unknown items skipped, the newest max_len) through the manifest's vocabulary, runs
the exported model's PyTorch twin (twin_model.py, checked against reference.json) under torch.no_grad on one thread,
blocks the consumed items (the event types Longview excludes) and answers the top `count` as JSON. It does less than
Longview (no impression fatigue, churn model, segment, re-ranking or impression logging), which favours the peer.
GET /api/health answers once the model is loaded.

Run by the benchmark as
  LONGVIEW_REPO=... LONGVIEW_MODEL_DIR=... LONGVIEW_PROFILES_DB=... OPENBLAS_NUM_THREADS=1 \
  /usr/bin/python3 -m uvicorn torch_peer:app --app-dir tests/Longview.Benchmarks/Serve --host 127.0.0.1 --port P --workers 2
"""
import asyncio.selector_events
import json
import os
import socket
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from twin_model import load_twin  # noqa: E402

torch.set_num_threads(1)
MODEL, MANIFEST, _ = load_twin(os.environ["LONGVIEW_REPO"], os.environ["LONGVIEW_MODEL_DIR"])
ITEMS = MANIFEST["items"]
INDEX = {item: i for i, item in enumerate(ITEMS) if i > 0}
MAX_LEN = MANIFEST["trainingParameters"]["max_len"]
VERSION = MANIFEST["version"]
NOT_INTEREST = {"impression", "dislike"}
CONSUMED = {"click", "purchase", "rating", "like", "dislike", "share"}
DB = sqlite3.connect(f"file:{os.environ['LONGVIEW_PROFILES_DB']}?mode=ro", uri=True, check_same_thread=False)

app = FastAPI()

# uvicorn 0.17 with --workers gives each worker the listening socket without its protocol number, so asyncio does not
# set TCP_NODELAY on accepted connections and every keep-alive response (headers and body are two writes) waits ~40 ms
# for the client's delayed ACK (measured: 44-48 ms per request with 2 workers, 2-16 ms with 1). A team would fix it so.
_transport_init = asyncio.selector_events._SelectorSocketTransport.__init__


def _init_without_nagle(self, loop, sock, *args, **kwargs):
    _transport_init(self, loop, sock, *args, **kwargs)
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


asyncio.selector_events._SelectorSocketTransport.__init__ = _init_without_nagle


EVENT_TYPES = ["view", "click", "purchase", "rating", "like", "dislike", "share", "impression", "session_start"]
# CompactProfileEncoding's marker and the versions whose layout this reads (both start with the rest's length).
COMPACT = b"\x00LP"
COMPACT_VERSIONS = (1, 2, 3)


def _varint(body, at):
    result = shift = 0
    while True:
        b = body[at]
        at += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, at


def recent_events(body):
    """The profile's recent events as [{"itemId", "type"}], from CompactProfileEncoding's layout or a JSON document."""
    if not body.startswith(COMPACT):
        return json.loads(body)["recent"]
    version = body[len(COMPACT)]
    if version not in COMPACT_VERSIONS:
        raise ValueError(f"compact profile version {version} is not one this reader knows")
    rest, at = _varint(body, len(COMPACT) + 1)
    count, at = _varint(body, at + rest)
    recent = []
    for _ in range(count):
        length, at = _varint(body, at)
        item = body[at:at + length].decode()
        at += length + 10
        kind, flags = body[at], body[at + 1]
        at += 2
        if flags & 1:
            at += 8
        if version >= 3:
            at += 8  # the eventId's hash
        elif flags & 2:
            length, at = _varint(body, at)
            at += length
        recent.append({"itemId": item, "type": EVENT_TYPES[kind]})
    return recent


@app.get("/api/health")
async def health():
    return {"status": "ok", "model": VERSION}


@app.get("/api/users/{user_id}/recommendations")
async def recommendations(user_id: str, count: int = 10):
    row = DB.execute("SELECT body FROM profiles WHERE user_id = ?", (user_id,)).fetchone()
    recent = recent_events(row[0]) if row else []
    sequence = [INDEX[e["itemId"]] for e in recent if e["type"] not in NOT_INTEREST and e["itemId"] in INDEX][-MAX_LEN:]
    if not sequence:
        return {"userId": user_id, "modelVersion": VERSION, "items": []}
    with torch.no_grad():
        scores = MODEL(torch.tensor([sequence], dtype=torch.int64))[0]
    blocked = [INDEX[e["itemId"]] for e in recent if e["type"] in CONSUMED and e["itemId"] in INDEX]
    scores[0] = float("-inf")
    if blocked:
        scores[blocked] = float("-inf")
    top = torch.topk(scores, min(count, len(ITEMS) - 1))
    return {"userId": user_id, "modelVersion": VERSION,
            "items": [{"itemId": ITEMS[i], "score": round(s, 6)} for s, i in zip(top.values.tolist(), top.indices.tolist())]}
