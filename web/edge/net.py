"""Address checks shared by `qa serve` (bind address) and the messenger callbacks."""
from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """'localhost' or a loopback IP (127.0.0.0/8, ::1); any other name counts as not loopback."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
