"""The persisted index: built once, loaded while fresh, rebuilt when stale, never half-written."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corpus.tokens import morphs
from index.embedder import HashingEmbedder
from index.lexical import BM25Index
from index.digest import file_sha256
from index.store import CURRENT, IndexMismatchError, build_index, load_index, load_or_build, read_manifest

MINI = Path(__file__).resolve().parent.parent / "data" / "mini_report.txt"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    copy = tmp_path / "report.txt"
    shutil.copy(MINI, copy)
    return copy


def test_a_fresh_index_loads_without_rebuilding(report: Path, tmp_path: Path) -> None:
    built = build_index(report, tmp_path / "index", HashingEmbedder())
    loaded = load_or_build(report, tmp_path / "index", HashingEmbedder())
    assert loaded.manifest.built_at == built.manifest.built_at
    assert [c.id for c in loaded.chunks] == [c.id for c in built.chunks]
    assert loaded.dense.dim == 256 and loaded.manifest.n_chunks == len(built.chunks)


def test_a_changed_report_or_model_makes_the_index_stale(report: Path, tmp_path: Path) -> None:
    build_index(report, tmp_path / "index", HashingEmbedder())
    report.write_text(report.read_text(encoding="utf-8") + "\n- 추가 문장\n", encoding="utf-8")
    with pytest.raises(IndexMismatchError):
        load_index(report, tmp_path / "index", HashingEmbedder())
    with pytest.raises(IndexMismatchError):
        load_index(MINI, tmp_path / "index", HashingEmbedder(dim=128))
    rebuilt = load_or_build(report, tmp_path / "index", HashingEmbedder())
    assert any("추가 문장" in c.text for c in rebuilt.chunks)


def test_a_folder_without_its_manifest_is_never_loaded(report: Path, tmp_path: Path) -> None:
    build_index(report, tmp_path / "index", HashingEmbedder())
    (tmp_path / "index" / CURRENT / "manifest.json").unlink()  # as after a crash mid-write
    with pytest.raises(IndexMismatchError):
        load_index(report, tmp_path / "index", HashingEmbedder())
    assert load_or_build(report, tmp_path / "index", HashingEmbedder()).chunks


def test_a_failed_build_leaves_the_current_index_in_place(report: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    build_index(report, tmp_path / "index", HashingEmbedder())
    before = read_manifest(tmp_path / "index" / CURRENT)

    def crash(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(BM25Index, "save", crash)
    with pytest.raises(OSError):
        build_index(report, tmp_path / "index", HashingEmbedder())
    assert read_manifest(tmp_path / "index" / CURRENT) == before
    assert [p.name for p in (tmp_path / "index").iterdir()] == [CURRENT]
    manifest = json.loads((tmp_path / "index" / CURRENT / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["report_sha256"] == before.report_sha256


def test_bm25_matches_spacing_variants_of_a_compound_name() -> None:
    docs = [morphs("'23년 예산 : 37,799백만원 청년취업사관학교"), morphs("스타트업 해외 진출 지원"),
            morphs("청년 일자리 카페 운영")]
    bm25 = BM25Index.build(docs)
    for query in ("청년취업사관학교", "청년 취업 사관학교", "청년 취업사관 학교"):
        assert bm25.search(morphs(query), 3)[0][0] == 0, query


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "lines lost":  # whole lines gone, every remaining line still valid
        lines = data.splitlines(keepends=True)
        path.write_bytes(b"".join(lines[::2]))
    else:  # one byte changed, same size
        path.write_bytes(data[:-2] + bytes([data[-2] ^ 1]) + data[-1:])


@pytest.mark.parametrize("how", ["truncated", "flipped"])
def test_any_damaged_file_is_found_and_the_index_rebuilt(report: Path, tmp_path: Path, how: str) -> None:
    built = build_index(report, tmp_path / "index", HashingEmbedder())
    names = sorted(built.manifest.files)
    assert {"chunks.jsonl", "dense.faiss", "bm25_weights.npz", "bm25_vocab.json"} <= set(names)
    for name in names:
        _damage(tmp_path / "index" / CURRENT / name, how)
        with pytest.raises(IndexMismatchError, match=name):
            load_index(report, tmp_path / "index", HashingEmbedder())
        reasons: list[str] = []
        healed = load_or_build(report, tmp_path / "index", HashingEmbedder(), on_build=reasons.append)
        assert len(reasons) == 1 and name in reasons[0]
        assert [c.id for c in healed.chunks] == [c.id for c in built.chunks]
        assert load_index(report, tmp_path / "index", HashingEmbedder()).manifest.n_chunks == len(built.chunks)


def test_chunks_that_lost_lines_never_load_even_with_a_matching_checksum(report: Path, tmp_path: Path) -> None:
    """The counts are checked too: a manifest rewritten to the damaged file's checksum still does not load."""
    build_index(report, tmp_path / "index", HashingEmbedder())
    folder = tmp_path / "index" / CURRENT
    _damage(folder / "chunks.jsonl", "lines lost")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["chunks.jsonl"] = file_sha256(folder / "chunks.jsonl")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexMismatchError):
        load_index(report, tmp_path / "index", HashingEmbedder())
