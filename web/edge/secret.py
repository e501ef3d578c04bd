"""The server secret: it signs the chat page's cookie and keys every stored conversation (web/ownership.py).

QA_SESSION_SECRET when set; otherwise a random secret kept in <data dir>/server.secret (made once,
readable by the owner only), so restarts and every worker sharing the data folder agree on it.
"""
from __future__ import annotations

import logging
import os
import secrets
import time
from pathlib import Path

logger = logging.getLogger(__name__)

SECRET_FILE = "server.secret"
SECRET_BYTES = 32


def server_secret(configured: str | None, data_dir: Path) -> bytes:
    if configured:
        return configured.encode()
    path = data_dir / SECRET_FILE
    try:
        return _read_or_create(path)
    except OSError as error:
        logger.warning("cannot keep the server secret in %s (%s); using one for this process only: "
                       "page cookies and conversations will not survive a restart", path, error)
        return secrets.token_bytes(SECRET_BYTES)


def _read_or_create(path: Path) -> bytes:
    """Create the file exclusively, so two processes starting together cannot write two secrets."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    secret = secrets.token_bytes(SECRET_BYTES)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secret.hex() + "\n")
    return secret


def _read(path: Path, attempts: int = 20) -> bytes:
    """The secret in `path`, waiting briefly while another process that just created it writes it."""
    for _ in range(attempts):
        text = path.read_text(encoding="ascii").strip()
        if text:
            break
        time.sleep(0.05)
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) < SECRET_BYTES:
        raise OSError(f"{path} does not hold a {SECRET_BYTES}-byte hex secret; delete it to make a new one")
    return secret
