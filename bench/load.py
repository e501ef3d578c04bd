"""Load benchmark over HTTP: start `qa serve`, time its cold start, then N concurrent clients ask questions.

    .venv/bin/python bench/load.py [--seconds 60] [--clients 1,10,50] [--workers 1] [--encoders torch,onnx]

For each encoder (QA_ENCODER), a server is started on a free loopback port with QA_RATE_LIMIT=off and the
index under QA_DATA_DIR (default ./var; `index` for onnx, `index-torch` for torch; built first if missing,
which then counts as cold start). Cold start
is process start to the first /healthz 200. Then, for each client count, every client (a thread with its own
keep-alive connection) posts the gold questions (POST /api/ask, top_k 5) one after another, each client
starting at a different question, for --seconds. Printed per run: answers/s, p50/p95/p99 latency, errors
(any status but 200, or no response), the same percentiles for questions the server had not been asked
before (its query-vector cache could not help) and the server's resident memory (all its processes; peak in
parentheses). Last, the ratios of the last encoder to the first. A benchmark, not a test: it asserts
nothing; it stops by itself and stops the server.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from local_server import free_port  # noqa: E402

from index.encoder_config import DEFAULT_ENCODER  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "dev.jsonl"
STARTUP_LIMIT_S = 900.0  # a first start may build the index and the ONNX files
REQUEST_TIMEOUT_S = 30.0


@dataclass
class Run:
    encoder: str
    clients: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    first_time_ms: list[float] = field(default_factory=list)  # questions nobody had asked this server before
    errors: int = 0
    rss_mb: float = 0.0
    peak_rss_mb: float = 0.0

    @property
    def answers_per_s(self) -> float:
        return len(self.latencies_ms) / self.seconds


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    cold_start_s: float
    log: Path


def start_server(encoder: str, workers: int, log_dir: Path) -> Server:
    port = free_port()
    env = {**os.environ, "QA_RATE_LIMIT": "off", "QA_ENCODER": encoder, "QA_DATA_DIR": data_dir(),
           "QA_INDEX_DIR": str(index_dir(encoder))}
    command = [sys.executable, "-m", "web.cli", "serve", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    log = log_dir / f"server-{encoder}.log"
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < STARTUP_LIMIT_S:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}; see {log}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1.0).status_code == 200:
                return Server(process, url, time.perf_counter() - started, log)
        except httpx.TransportError:
            pass
        time.sleep(0.02)
    stop_server(process)
    raise RuntimeError(f"no /healthz 200 within {STARTUP_LIMIT_S:.0f} s; see {log}")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def index_dir(encoder: str) -> Path:
    """Each encoder's own index (their model ids differ: the ONNX vocabulary reads other scripts as <unk>),
    so switching encoders never rebuilds the other's; the default encoder uses the server's usual one."""
    base = Path(data_dir())
    return base / "index" if encoder == DEFAULT_ENCODER else base / f"index-{encoder}"


def data_dir() -> str:
    return os.environ.get("QA_DATA_DIR") or str(Path.cwd() / "var")


def process_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            children = (task / "children").read_text().split() if (task / "children").exists() else []
            todo += [int(child) for child in children]
    return pids


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory (VmRSS, VmHWM) of the server and its worker processes, in MB."""
    rss = peak = 0.0
    for member in process_tree(pid):
        status = dict(line.split(":", 1) for line in Path(f"/proc/{member}/status").read_text().splitlines())
        rss += int(status["VmRSS"].split()[0]) / 1024
        peak += int(status["VmHWM"].split()[0]) / 1024
    return rss, peak


def load(server: Server, encoder: str, questions: list[str], clients: int, seconds: float, asked: set[str]) -> Run:
    """`asked`: the questions this server has been asked already (by earlier runs too)."""
    run = Run(encoder, clients, seconds)
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(number: int) -> None:
        with httpx.Client(base_url=server.url, timeout=REQUEST_TIMEOUT_S) as http:
            turn = number * len(questions) // clients
            while time.perf_counter() < deadline:
                question = questions[turn % len(questions)]
                turn += 1
                with lock:
                    first_time = question not in asked
                    asked.add(question)
                started = time.perf_counter()
                try:
                    ok = http.post("/api/ask", json={"question": question, "top_k": 5}).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if not ok:
                        run.errors += 1
                        continue
                    run.latencies_ms.append(elapsed)
                    if first_time:
                        run.first_time_ms.append(elapsed)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.rss_mb, run.peak_rss_mb = memory_mb(server.process.pid)
    return run


def percentiles(values: list[float]) -> str:
    if not values:
        return "-"
    p50, p95, p99 = np.percentile(values, [50, 95, 99])
    return f"{p50:.1f} / {p95:.1f} / {p99:.1f}"


def report(run: Run) -> str:
    return (f"{run.encoder:6} {run.clients:3} clients  {run.answers_per_s:7.1f} answers/s  "
            f"p50/p95/p99 {percentiles(run.latencies_ms):>22} ms  errors {run.errors:3}  "
            f"first-time questions ({len(run.first_time_ms)}) {percentiles(run.first_time_ms):>22} ms  "
            f"RSS {run.rss_mb:.0f} MB ({run.peak_rss_mb:.0f})")


def _ratio(new: float, old: float) -> str:
    return f"{new / old:.2f}" if old else "-"


def ratios(first: list[Run], last: list[Run], cold: dict[str, float]) -> list[str]:
    a, b = first[0].encoder, last[0].encoder
    lines = [f"{b}/{a} cold start {_ratio(cold[b], cold[a])}"]
    for x, y in zip(first, last):
        p50s, p95s = ([float(np.percentile(r.latencies_ms or [0], q)) for r in (x, y)] for q in (50, 95))
        lines.append(f"{b}/{a} {x.clients:3} clients: answers/s {_ratio(y.answers_per_s, x.answers_per_s)}, "
                     f"p50 {_ratio(p50s[1], p50s[0])}, p95 {_ratio(p95s[1], p95s[0])}, RSS {_ratio(y.rss_mb, x.rss_mb)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="per client count (default: 60)")
    parser.add_argument("--clients", default="1,10,50", help="comma-separated client counts (default: 1,10,50)")
    parser.add_argument("--workers", type=int, default=1, help="qa serve --workers (default: 1)")
    parser.add_argument("--encoders", default="torch,onnx", help="QA_ENCODER values, in order (default: torch,onnx)")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="questions, one JSON object a line")
    args = parser.parse_args(argv)
    questions = [json.loads(line)["question"] for line in args.gold.read_text(encoding="utf-8").splitlines() if line]
    counts = [int(n) for n in args.clients.split(",")]
    runs: dict[str, list[Run]] = {}
    cold: dict[str, float] = {}
    logs = Path(tempfile.mkdtemp(prefix="qa-load-"))
    print(f"server logs in {logs}; data in {data_dir()}", flush=True)
    for encoder in args.encoders.split(","):
        server = start_server(encoder, args.workers, logs)
        try:
            cold[encoder] = server.cold_start_s
            rss, _ = memory_mb(server.process.pid)
            print(f"{encoder}: cold start {server.cold_start_s:.2f} s, RSS at start {rss:.0f} MB "
                  f"({args.workers} worker{'s' if args.workers > 1 else ''})", flush=True)
            asked: set[str] = set()
            runs[encoder] = []
            for clients in counts:
                runs[encoder].append(load(server, encoder, questions, clients, args.seconds, asked))
                print(report(runs[encoder][-1]), flush=True)
        finally:
            stop_server(server.process)
    if len(runs) > 1:
        first, *_, last = runs.values()
        print("\n".join(ratios(first, last, cold)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
