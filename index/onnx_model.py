"""The ONNX files of a converted model: made once next to its folder, reused while their marker matches.

In `<model>-onnx/`: `encoder-fp32.onnx` is exported from the folder and `encoder-int8.onnx` quantized from it (the
graphs start from token embeddings); `tokenizer.json` is the kept vocabulary (index/vocab_prune.py) and
`embeddings.npy` its token embedding rows. Each has a marker (`<file>.marker.json`) naming what it was made from and
the file's sha256, written last, so a half-written file is never used. A lock file keeps server processes
starting together from exporting twice.
"""
from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from pathlib import Path

from index.digest import file_sha256
from index.e5_convert import read_marker
from index.vocab_prune import PRUNE_VERSION

EXPORT_VERSION = 2  # bump when what is exported changes: files are made again (2: graphs from token embeddings)
PRECISIONS = ("fp32", "int8")
# Graph names differ from export 1's (`model-<precision>.onnx`, which took token ids): code of that version
# finding its own old marker can never load a graph that starts from token embeddings.
FILES = {"fp32": "encoder-fp32.onnx", "int8": "encoder-int8.onnx", "tokenizer": "tokenizer.json",
         "table": "embeddings.npy"}


@dataclass(frozen=True)
class OnnxFile:
    path: Path
    kind: str  # a key of FILES
    sha256: str


def onnx_dir(folder: Path) -> Path:
    return folder.with_name(f"{folder.name}-onnx")


def _wanted(folder: Path, kind: str) -> dict:
    return {"export_version": EXPORT_VERSION, "vocabulary": PRUNE_VERSION, "kind": kind, "source": read_marker(folder)}


def _marker_path(folder: Path, kind: str) -> Path:
    return onnx_dir(folder) / f"{FILES[kind]}.marker.json"


def _existing(folder: Path, kind: str) -> OnnxFile | None:
    try:
        marker = json.loads(_marker_path(folder, kind).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    sha = marker.pop("sha256", None)
    path = onnx_dir(folder) / FILES[kind]
    if marker != _wanted(folder, kind) or not sha or not path.is_file():
        return None
    return OnnxFile(path, kind, sha)


def _write(folder: Path, kind: str, out: Path) -> None:
    from index import onnx_export  # torch and sentence-transformers: only when a file must be made

    if kind == "fp32":
        onnx_export.export_fp32(folder, out)
    elif kind == "int8":
        onnx_export.quantize_int8(ensure_onnx(folder, "fp32").path, out)
    elif kind == "tokenizer":
        onnx_export.write_tokenizer(folder, out)
    else:
        onnx_export.write_table(folder, out)


def _make(folder: Path, kind: str) -> OnnxFile:
    path = onnx_dir(folder) / FILES[kind]
    _marker_path(folder, kind).unlink(missing_ok=True)  # a stale marker must never vouch for the new file
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        _write(folder, kind, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    made = OnnxFile(path, kind, file_sha256(path))
    marker = {**_wanted(folder, kind), "sha256": made.sha256}
    _marker_path(folder, kind).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
    return made


def ensure_file(folder: Path, kind: str) -> OnnxFile:
    """One of the ONNX encoder's files (FILES) for the converted model in `folder`, made first when missing or
    stale."""
    found = _existing(folder, kind)
    if found is not None:
        return found
    onnx_dir(folder).mkdir(parents=True, exist_ok=True)
    with open(onnx_dir(folder) / f".{kind}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be making it: wait, then look again
        return _existing(folder, kind) or _make(folder, kind)


def ensure_onnx(folder: Path, precision: str) -> OnnxFile:
    """The ONNX graph of the converted model in `folder` at `precision`, made first when missing or stale."""
    if precision not in PRECISIONS:
        raise ValueError(f"ONNX precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
    return ensure_file(folder, precision)

