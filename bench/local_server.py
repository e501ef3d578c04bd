"""A `qa serve` process on a free loopback port, for benchmarks: started, waited for, measured, stopped."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LocalServer:
    process: subprocess.Popen[bytes]
    base_url: str
    cold_start_s: float  # process start → /healthz 200

    def alive(self) -> bool:
        return self.process.poll() is None

    def rss_mb(self) -> float:
        """Resident memory of the server process, from /proc."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")


@contextmanager
def local_server(env: dict[str, str], ready_within_s: float = 600, log: Path | None = None) -> Iterator[LocalServer]:
    """`qa serve` with the current environment plus `env` (QA_* settings), stopped on exit."""
    port = free_port()
    settings = {**os.environ, "QA_RATE_LIMIT": "off", **env, "QA_HOST": "127.0.0.1", "QA_PORT": str(port)}
    output = open(log, "wb") if log else subprocess.DEVNULL
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "web.cli", "serve"], env=settings, stdout=output, stderr=output)
    base_url = f"http://127.0.0.1:{port}"
    try:
        while time.perf_counter() - started < ready_within_s:
            if process.poll() is not None:
                raise RuntimeError(f"qa serve exited with {process.returncode}")
            try:
                if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        else:
            raise RuntimeError(f"qa serve was not healthy within {ready_within_s:g} s")
        yield LocalServer(process, base_url, time.perf_counter() - started)
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            output.close()
