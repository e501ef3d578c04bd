"""The persisted index: chunks, BM25 and FAISS in one folder with a manifest.

The manifest records what the index was built from (report hash, model, chunker and tokenizer
versions) and what it holds (counts, and the SHA-256 of every file). Loading checks both, and any
failure to load counts as a mismatch: the index is rebuilt, never served half-read. A build writes
into a temporary folder and swaps it in by renaming, with the manifest written last, so a crash
mid-build never leaves a folder that loads.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import kiwipiepy

from corpus.candidates import build_candidates
from corpus.chunk import CHUNKER_VERSION, ChunkConfig, chunk_document
from corpus.model import Chunk
from corpus.document import Document
from corpus.names import NAMES_VERSION, report_names
from corpus.parse import parse_report
from corpus.tokens import TOKENS_VERSION, morphs, normalize, use_names
from index.candidates import CandidateIndex, CandidateMismatchError
from index.dense import DenseIndex
from index.digest import file_sha256
from index.embedder import Embedder
from index.lexical import BM25Index

INDEX_FORMAT = "4"  # 2: candidate vectors and terms; 3: file checksums; 4: BM25 postings without scipy
CURRENT = "current"
MANIFEST_FILE = "manifest.json"
CHUNKS_FILE = "chunks.jsonl"


class IndexMismatchError(Exception):
    """The folder holds an index built from something else (or nothing complete)."""


@dataclass(frozen=True)
class Manifest:
    format: str
    report_sha256: str
    model_id: str
    chunker: str
    tokens: str
    dim: int
    n_chunks: int
    built_at: float = 0.0
    files: dict[str, str] = field(default_factory=dict)  # file name → SHA-256 of its bytes

    def same_source(self, other: Manifest) -> bool:
        mine, theirs = asdict(self), asdict(other)
        for key in ("n_chunks", "built_at", "dim", "files"):
            mine.pop(key), theirs.pop(key)
        return mine == theirs


@dataclass
class ReportIndex:
    doc: Document
    chunks: list[Chunk]
    lexical: BM25Index
    dense: DenseIndex
    embedder: Embedder
    manifest: Manifest
    candidates: CandidateIndex


def wanted_manifest(report: Path, embedder: Embedder, n_chunks: int = 0) -> Manifest:
    versions = f"{TOKENS_VERSION}/names-{NAMES_VERSION}/kiwipiepy-{kiwipiepy.__version__}"
    return Manifest(INDEX_FORMAT, file_sha256(report), embedder.model_id, CHUNKER_VERSION,
                    versions, embedder.dim, n_chunks)


def chunk_tokens(chunk: Chunk) -> list[str]:
    return morphs(chunk.index_text)


def read_report(report: Path) -> Document:
    """The parsed report, with its names made Kiwi proper nouns (every later tokenization sees them)."""
    doc = parse_report(report)
    use_names(report_names(doc.lines))
    return doc


def build_index(report: Path, index_dir: Path, embedder: Embedder) -> ReportIndex:
    """Parse, chunk, embed and write a fresh index, replacing the current one atomically."""
    doc = read_report(report)
    chunks = chunk_document(doc, ChunkConfig())
    lexical = BM25Index.build([chunk_tokens(c) for c in chunks])
    dense = DenseIndex.build(embedder.encode_passages([normalize(c.embed_text) for c in chunks]))
    candidates = CandidateIndex.build(doc, build_candidates(doc, chunks), embedder)
    manifest = Manifest(**{**asdict(wanted_manifest(report, embedder, len(chunks))), "built_at": time.time()})
    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="build-", dir=index_dir))
    try:
        manifest = _write(tmp, chunks, lexical, dense, candidates, manifest)
        _swap_in(tmp, index_dir / CURRENT)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return ReportIndex(doc, chunks, lexical, dense, embedder, manifest, candidates)


def _write(folder: Path, chunks: list[Chunk], lexical: BM25Index, dense: DenseIndex, candidates: CandidateIndex,
           manifest: Manifest) -> Manifest:
    """Write every part, then the manifest with their checksums (last: a folder without it never loads)."""
    with open(folder / CHUNKS_FILE, "w", encoding="utf-8") as f:
        for c in chunks:
            f.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
    lexical.save(folder)
    dense.save(folder)
    candidates.save(folder)
    files = {path.name: file_sha256(path) for path in sorted(folder.iterdir()) if path.name != MANIFEST_FILE}
    manifest = Manifest(**{**asdict(manifest), "files": files})
    (folder / MANIFEST_FILE).write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _swap_in(built: Path, target: Path) -> None:
    old = target.with_name(f"old-{os.getpid()}-{time.time_ns()}")
    if target.exists():
        os.replace(target, old)
    os.replace(built, target)
    shutil.rmtree(old, ignore_errors=True)


def read_manifest(folder: Path) -> Manifest:
    try:
        return Manifest(**json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as e:
        raise IndexMismatchError(f"no complete index in {folder}: {e}") from e


def load_index(report: Path, index_dir: Path, embedder: Embedder) -> ReportIndex:
    """Load the current index; raises IndexMismatchError when it is missing, stale, damaged or unreadable."""
    folder = index_dir / CURRENT
    manifest = read_manifest(folder)
    if not manifest.same_source(wanted_manifest(report, embedder)):
        raise IndexMismatchError(f"index in {folder} was built from another report, model or chunker")
    _check_files(folder, manifest)
    doc = read_report(report)
    try:
        with open(folder / CHUNKS_FILE, encoding="utf-8") as f:
            chunks = [Chunk(**json.loads(line)) for line in f]
        candidates = CandidateIndex.load(folder, build_candidates(doc, chunks))
        index = ReportIndex(doc, chunks, BM25Index.load(folder), DenseIndex.load(folder), embedder, manifest,
                            candidates)
    except CandidateMismatchError as e:
        raise IndexMismatchError(str(e)) from e
    except Exception as e:  # a part that does not read back is a damaged index, whatever the reader raised
        raise IndexMismatchError(f"index in {folder} does not load: {type(e).__name__}: {e}") from e
    _check_counts(index)
    return index


def _check_files(folder: Path, manifest: Manifest) -> None:
    if not manifest.files:
        raise IndexMismatchError(f"index in {folder} lists no file checksums")
    for name, digest in manifest.files.items():
        path = folder / name
        if not path.is_file() or file_sha256(path) != digest:
            raise IndexMismatchError(f"{path} is missing or not the file the index was built with")


def _check_counts(index: ReportIndex) -> None:
    n = index.manifest.n_chunks
    counts = {"chunks": len(index.chunks), "vectors": index.dense.index.ntotal, "BM25 rows": index.lexical.n_docs}
    wrong = {name: count for name, count in counts.items() if count != n}
    if wrong:
        raise IndexMismatchError(f"the manifest says {n} chunks, the files hold {wrong}")


def load_or_build(report: Path, index_dir: Path, embedder: Embedder, rebuild: bool = False,
                  on_build: Callable[[str], None] = lambda reason: None) -> ReportIndex:
    """The persisted index, or a fresh one when it cannot be used (`on_build` hears why, before the build)."""
    reason = "a rebuild was asked for"
    if not rebuild:
        try:
            return load_index(report, index_dir, embedder)
        except IndexMismatchError as mismatch:
            reason = str(mismatch)
    on_build(reason)
    return build_index(report, index_dir, embedder)
