"""Hostile requests at every endpoint of a real `qa serve`: counts by status, every 5xx, and whether the server
is still alive after. A benchmark, not a test (the test suite has bounded schemathesis and property tests).

    .venv/bin/python bench/fuzz.py [--requests 10000] [--concurrency 8] [--seed 1]

The server uses the built index under ./var (QA_INDEX_DIR, QA_MODEL_DIR) and a throwaway data folder, with
API keys, an admin key and both messenger secrets configured, so every gate is exercised; requests carry
valid credentials often enough to reach the routes behind them. No request leaves loopback.
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import random
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock
from urllib.parse import quote, urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from local_server import local_server  # noqa: E402

API_KEY, ADMIN_KEY = "fuzz-key-0123456789abcdef", "fuzz-admin-0123456789abcdef"
KAKAO_SECRET, SLACK_SECRET = "fuzz-kakao-secret-0123", "fuzz-slack-secret-0123"
METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")
# every endpoint, with the method it is meant for (others are tried too)
ENDPOINTS = {"/api/ask": "POST", "/api/feedback": "POST", "/api/sessions/{id}": "GET", "/api/sections": "GET",
             "/api/sections/{id}": "GET", "/healthz": "GET", "/": "GET", "/kakao/skill": "POST",
             f"/kakao/skill/{KAKAO_SECRET}": "POST", "/kakao/skill/{id}": "POST", "/slack/command": "POST",
             "/static/{id}": "GET", "/docs": "GET", "/openapi.json": "GET", "/{id}": "GET"}
QUESTIONS = ("청년취업사관학교 올해 예산은?", "뷰티패션산업과 예산 집행률이 얼마야?", "그럼 작년엔?", "G밸리 넓이는?",
             "SBA 몇 군데야", "서울시 인구는?")
NASTY = ("", " ", "\u0000", "\ufeff", "???", "😀", "\u202e역방향", "a\u0301" * 50, "../../etc/passwd", "%2e%2e%2f",
         "<script>alert(1)</script>", "' OR 1=1--", "\u0000=1+2", "=HYPERLINK(\"x\")", "9" * 5000, "가" * 1001,
         "\\ud800", "null", "1e999", "\r\nX-Injected: 1", "kakao:" + "0" * 32, "open/1", "*", "\t")


@dataclass
class Tally:
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    lock: Lock = field(default_factory=Lock)

    def add(self, method: str, path: str, status: int | None, detail: str) -> None:
        with self.lock:
            if status is None:
                self.errors[detail] += 1
                return
            self.statuses[status] += 1
            if status >= 500:
                self.server_errors.append(f"{status} {method} {path[:80]}: {detail[:160]}")


def text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(NASTY)
    if roll < 0.6:
        return rng.choice(QUESTIONS)
    return "".join(chr(rng.choice((rng.randint(32, 0x7E), rng.randint(0xAC00, 0xD7A3), rng.randint(0, 0x2FFFF))))
                   for _ in range(rng.randint(0, 40)))


def value(rng: random.Random, depth: int = 0) -> object:
    """A random JSON value, nested at most three deep."""
    kind = rng.randint(0, 6 if depth < 3 else 4)
    if kind == 5:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if kind == 6:
        return {text(rng): value(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    return (None, rng.random() < 0.5, rng.randint(-10**20, 10**20), rng.uniform(-1e308, 1e308), text(rng))[kind]


def ask_body(rng: random.Random) -> dict[str, object]:
    body: dict[str, object] = {"question": text(rng) if rng.random() < 0.5 else rng.choice(QUESTIONS)}
    for name in ("session_id", "top_k", "extra"):
        if rng.random() < 0.4:
            body[name] = value(rng)
    return body


def kakao_body(rng: random.Random) -> dict[str, object]:
    user = {"id": value(rng) if rng.random() < 0.3 else text(rng)}
    request = {"utterance": value(rng) if rng.random() < 0.3 else text(rng), "user": user}
    if rng.random() < 0.4:
        request["callbackUrl"] = rng.choice(("http://[::1", "https://callbacks.invalid:8443/x", "file:///etc/passwd",
                                              "https://bot.kakao.com/cb", text(rng)))
    return {"userRequest": request if rng.random() < 0.9 else value(rng)}


def raw_body(rng: random.Random, payload: object) -> bytes:
    roll = rng.random()
    if roll < 0.6:
        return json.dumps(payload, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    if roll < 0.7:
        return b"[" * rng.choice((10, 1000, 10000)) + b"]" * rng.randint(0, 10)
    if roll < 0.8:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 200)))
    if roll < 0.9:
        return json.dumps(payload).encode()[: rng.randint(0, 20)]
    return b'{"question": "' + b"A" * rng.choice((1000, 70000)) + b'"}'


def headers_for(rng: random.Random, path: str) -> dict[str, bytes]:
    headers = {"Content-Type": rng.choice(("application/json", "application/json; charset=utf-8", "text/plain",
                                           "application/x-www-form-urlencoded", "", "application/vnd.x+json"))}
    roll = rng.random()
    if roll < 0.5:
        headers["X-API-Key"] = API_KEY
    elif roll < 0.6:
        headers["Authorization"] = f"Bearer {ADMIN_KEY}"
    elif roll < 0.7:
        headers["Authorization"] = rng.choice(("Bearer", "Basic x", f"Bearer {text(rng)}"))
    if rng.random() < 0.2:
        headers["Cookie"] = rng.choice(("qa_page=abc.1.2", "qa_page=" + "a" * 4000, "=;;", 'qa_page="x'))
    if rng.random() < 0.2:
        headers["X-Request-ID"] = rng.choice(("ok-id", "bad id\n", "x" * 500))
    if path.startswith("/kakao") and rng.random() < 0.6:
        headers["X-Kakao-Secret"] = KAKAO_SECRET
    return {name: v.encode("utf-8", "replace") for name, v in headers.items()}  # raw bytes, as a client may send


def slack_request(rng: random.Random) -> tuple[bytes, dict[str, bytes]]:
    form = {"text": text(rng), "user_id": text(rng), "team_id": "T1", "command": "/qa",
            "response_url": rng.choice(("https://hooks.slack.com/x", "http://[::1", text(rng)))}
    body = urlencode(form, errors="surrogatepass").encode() if rng.random() < 0.8 else raw_body(rng, form)
    stamp = rng.choice((str(int(time.time())), "9" * 5000, "-1", "abc", str(int(time.time()) - 10**6)))
    signed = hmac.new(SLACK_SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256).hexdigest()
    signature = f"v0={signed}" if rng.random() < 0.6 else rng.choice(("v0=00", "", text(rng)))
    headers = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature,
               "Content-Type": "application/x-www-form-urlencoded"}
    return body, {name: v.encode("utf-8", "replace") for name, v in headers.items()}


def one_request(client: httpx.Client, rng: random.Random, tally: Tally) -> None:
    endpoint = rng.choice(list(ENDPOINTS))
    path = endpoint.replace("{id}", quote(text(rng), safe="", errors="surrogatepass") or "x")
    method = ENDPOINTS[endpoint] if rng.random() < 0.8 else rng.choice(METHODS)
    if endpoint == "/api/feedback" and rng.random() < 0.3:
        method = "GET"
    if endpoint == "/api/sessions/{id}" and rng.random() < 0.3:
        method = "DELETE"
    headers = headers_for(rng, path)
    body = b""
    if path == "/slack/command":
        body, headers = slack_request(rng)
    elif method in {"POST", "PUT", "PATCH"}:
        payload = kakao_body(rng) if path.startswith("/kakao") else ask_body(rng) if rng.random() < 0.7 else value(rng)
        body = raw_body(rng, payload)
    if rng.random() < 0.1:
        path += "?" + urlencode({rng.choice(("format", "session_ids", "q", text(rng))): text(rng)}, errors="surrogatepass")
    try:
        response = client.request(method, path, content=body, headers=headers)
        tally.add(method, path, response.status_code, response.text)
    except httpx.HTTPError as error:
        tally.add(method, path, None, type(error).__name__)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--var", type=Path, default=Path("var"), help="where the built index and models are")
    args = parser.parse_args()
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="qa-fuzz-") as data:
        env = {"QA_DATA_DIR": data, "QA_INDEX_DIR": str(args.var.resolve() / "index"),
               "QA_MODEL_DIR": str(args.var.resolve() / "models"), "QA_API_KEYS": API_KEY, "QA_ADMIN_KEYS": ADMIN_KEY,
               "QA_KAKAO_SECRET": KAKAO_SECRET, "QA_SLACK_SIGNING_SECRET": SLACK_SECRET,
               "QA_CALLBACK_HOSTS": "callbacks.invalid", "QA_KAKAO_BUDGET_SECONDS": "0.5"}
        with local_server(env, log=Path(data) / "server.log") as server:
            started = time.perf_counter()
            per_worker = [args.requests // args.concurrency + (n < args.requests % args.concurrency)
                          for n in range(args.concurrency)]

            def work(worker: int) -> None:
                rng = random.Random(args.seed * 1000 + worker)
                with httpx.Client(base_url=server.base_url, timeout=30) as client:
                    for _ in range(per_worker[worker]):
                        one_request(client, rng, tally)

            with ThreadPoolExecutor(args.concurrency) as pool:
                list(pool.map(work, range(args.concurrency)))
            seconds = time.perf_counter() - started
            alive = server.alive() and httpx.get(f"{server.base_url}/healthz", timeout=10).status_code == 200
    print(f"{sum(tally.statuses.values())} responses to {args.requests} requests in {seconds:.0f} s "
          f"({args.concurrency} clients, seed {args.seed})")
    print("by status: " + ", ".join(f"{code}: {n}" for code, n in sorted(tally.statuses.items())))
    if tally.errors:
        print("client-side errors: " + ", ".join(f"{name}: {n}" for name, n in tally.errors.most_common()))
    print(f"5xx: {len(tally.server_errors)}")
    for line in tally.server_errors[:20]:
        print("  " + line)
    print(f"server alive after: {'yes' if alive else 'NO'}")
    return 0 if alive and not tally.server_errors else 1


if __name__ == "__main__":
    sys.exit(main())
