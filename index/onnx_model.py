"""The ONNX files of a converted model: made once next to its folder, reused while their marker matches.

`<model>-onnx/model-fp32.onnx` is exported from the folder; `model-int8.onnx` is quantized from it. Each has a
marker (`model-<precision>.json`) naming what it was made from and the file's sha256, written last, so a
half-written file is never used. A lock file keeps server processes starting together from exporting twice.
"""
from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from pathlib import Path

from index.digest import file_sha256
from index.e5_convert import read_marker

EXPORT_VERSION = 1  # bump when the exported graph changes: files are made again
PRECISIONS = ("fp32", "int8")


@dataclass(frozen=True)
class OnnxFile:
    path: Path
    precision: str
    sha256: str


def onnx_dir(folder: Path) -> Path:
    return folder.with_name(f"{folder.name}-onnx")


def _wanted(folder: Path, precision: str) -> dict:
    return {"export_version": EXPORT_VERSION, "precision": precision, "source": read_marker(folder)}


def _marker_path(folder: Path, precision: str) -> Path:
    return onnx_dir(folder) / f"model-{precision}.json"


def _existing(folder: Path, precision: str) -> OnnxFile | None:
    try:
        marker = json.loads(_marker_path(folder, precision).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    sha = marker.pop("sha256", None)
    path = onnx_dir(folder) / f"model-{precision}.onnx"
    if marker != _wanted(folder, precision) or not sha or not path.is_file():
        return None
    return OnnxFile(path, precision, sha)


def _make(folder: Path, precision: str) -> OnnxFile:
    from index import onnx_export  # torch and sentence-transformers: only when a file must be made

    path = onnx_dir(folder) / f"model-{precision}.onnx"
    _marker_path(folder, precision).unlink(missing_ok=True)  # a stale marker must never vouch for the new file
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        if precision == "fp32":
            onnx_export.export_fp32(folder, partial)
        else:
            onnx_export.quantize_int8(ensure_onnx(folder, "fp32").path, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    made = OnnxFile(path, precision, file_sha256(path))
    marker = {**_wanted(folder, precision), "sha256": made.sha256}
    _marker_path(folder, precision).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
    return made


def ensure_onnx(folder: Path, precision: str) -> OnnxFile:
    """The ONNX file of the converted model in `folder`, made first when missing or stale."""
    if precision not in PRECISIONS:
        raise ValueError(f"ONNX precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
    found = _existing(folder, precision)
    if found is not None:
        return found
    onnx_dir(folder).mkdir(parents=True, exist_ok=True)
    with open(onnx_dir(folder) / f".{precision}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be making it: wait, then look again
        return _existing(folder, precision) or _make(folder, precision)

