"""The SHA-256 of a file, read in pieces (an ONNX export is hundreds of MB)."""
from __future__ import annotations

import hashlib
from pathlib import Path

CHUNK_BYTES = 1 << 22


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()
