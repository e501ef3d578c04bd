"""ONNX files are made once per converted model, reused while their marker matches, never used half-made.

The exporter is replaced by a fake that writes bytes: these tests are about the files, not the graph.
"""
from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

import index
from index.e5_convert import MARKER_NAME
from index.onnx_model import OnnxFile, ensure_file, ensure_onnx, onnx_dir


class FakeExporter:
    def __init__(self) -> None:
        self.made: list[tuple[str, Path | None]] = []
        self.fail = False

    def export_fp32(self, folder: Path, out: Path) -> None:
        self.made.append(("fp32", None))
        out.write_bytes(b"fp32 graph of " + folder.name.encode())
        if self.fail:
            raise RuntimeError("exporter crashed")

    def quantize_int8(self, fp32: Path, out: Path) -> None:
        self.made.append(("int8", fp32))
        out.write_bytes(b"int8 of " + fp32.read_bytes())

    def write_tokenizer(self, folder: Path, out: Path) -> None:
        self.made.append(("tokenizer", None))
        out.write_text('{"model": "kept pieces"}')

    def write_table(self, folder: Path, out: Path) -> None:
        self.made.append(("table", None))
        out.write_bytes(b"rows")


@pytest.fixture
def exporter(monkeypatch: pytest.MonkeyPatch) -> FakeExporter:
    fake = FakeExporter()
    module = types.SimpleNamespace(export_fp32=fake.export_fp32, quantize_int8=fake.quantize_int8,
                                   write_tokenizer=fake.write_tokenizer, write_table=fake.write_table)
    monkeypatch.setitem(sys.modules, "index.onnx_export", module)
    monkeypatch.setattr(index, "onnx_export", module, raising=False)
    return fake


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    converted = tmp_path / "models" / "multilingual-e5-small"
    converted.mkdir(parents=True)
    (converted / MARKER_NAME).write_text(json.dumps({"source_sha256": "aaaa", "converter_version": 1}))
    return converted


def test_made_once_then_reused(exporter: FakeExporter, folder: Path) -> None:
    made = ensure_onnx(folder, "fp32")
    assert made.path == onnx_dir(folder) / "encoder-fp32.onnx" and made.path.is_file()
    assert ensure_onnx(folder, "fp32") == made
    assert exporter.made == [("fp32", None)]
    assert onnx_dir(folder).parent == folder.parent  # next to the converted folder, not inside it


def test_int8_is_quantized_from_the_fp32_file(exporter: FakeExporter, folder: Path) -> None:
    int8 = ensure_onnx(folder, "int8")
    fp32 = ensure_onnx(folder, "fp32")
    assert exporter.made == [("fp32", None), ("int8", fp32.path)]
    assert int8.kind == "int8" and int8.sha256 != fp32.sha256
    marker = json.loads((onnx_dir(folder) / "encoder-int8.onnx.marker.json").read_text())
    assert marker["sha256"] == int8.sha256 and marker["kind"] == "int8"


def test_a_new_conversion_makes_the_files_again(exporter: FakeExporter, folder: Path) -> None:
    ensure_onnx(folder, "fp32")
    (folder / MARKER_NAME).write_text(json.dumps({"source_sha256": "bbbb", "converter_version": 1}))
    ensure_onnx(folder, "fp32")
    assert len(exporter.made) == 2


def test_a_file_without_its_marker_is_made_again(exporter: FakeExporter, folder: Path) -> None:
    made = ensure_onnx(folder, "fp32")
    (onnx_dir(folder) / "encoder-fp32.onnx.marker.json").unlink()  # as after a crash between the file and its marker
    assert ensure_onnx(folder, "fp32") == OnnxFile(made.path, "fp32", made.sha256)
    assert len(exporter.made) == 2


def test_a_failed_export_leaves_nothing_that_could_be_used(exporter: FakeExporter, folder: Path) -> None:
    exporter.fail = True
    with pytest.raises(RuntimeError):
        ensure_onnx(folder, "fp32")
    assert not [p for p in onnx_dir(folder).iterdir() if not p.name.endswith(".lock")]
    exporter.fail = False
    assert ensure_onnx(folder, "fp32").path.is_file()


def test_unknown_precision_is_refused(folder: Path) -> None:
    with pytest.raises(ValueError, match="fp32, int8"):
        ensure_onnx(folder, "fp16")


def test_the_vocabulary_files_sit_beside_the_graph_with_markers_that_never_overwrite_them(
        exporter: FakeExporter, folder: Path) -> None:
    tokenizer, table = ensure_file(folder, "tokenizer"), ensure_file(folder, "table")
    assert tokenizer.path == onnx_dir(folder) / "tokenizer.json" and table.path == onnx_dir(folder) / "embeddings.npy"
    assert json.loads(tokenizer.path.read_text()) == {"model": "kept pieces"}  # not its own marker
    assert ensure_file(folder, "tokenizer") == tokenizer and ensure_file(folder, "table") == table
    assert exporter.made == [("tokenizer", None), ("table", None)]


def test_graphs_never_take_the_names_of_the_first_export(exporter: FakeExporter, folder: Path) -> None:
    """Export 1's graphs took token ids; code of that version must not find a graph that takes embeddings."""
    assert ensure_onnx(folder, "fp32").path.name != "model-fp32.onnx"
    assert ensure_onnx(folder, "int8").path.name != "model-int8.onnx"
