"""What the tests that run the real engine on the small report share: its path, a free loopback port."""
from __future__ import annotations

import socket
from pathlib import Path

MINI_REPORT = Path(__file__).resolve().parents[1] / "data" / "mini_report.txt"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
