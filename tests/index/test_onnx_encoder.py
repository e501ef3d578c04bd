"""The ONNX encoder embeds like sentence-transformers itself, and serving with it never imports torch."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.embedder import DEFAULT_MODEL, SentenceTransformerEmbedder, load_embedder, onnx_embedder
from index.encoder_config import EncoderConfig
from index.onnx_encoder import PromptTokenizer
from index.onnx_model import ensure_file
from index.st_folder import FolderConfig

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "corpus" / "reports" / "seoul-economic-policy-2023-03.txt"
QUESTIONS = [
    "경제정책실 지금 실제 근무 인원(현원)은 몇 명이야?",
    "뷰티 패션 산업과 정원 대비 현원은?",
    "캠퍼스타운활성화과 원인행위액 집행률은 몇 %?",
    "서울 실업률 21년 대비 22년에 몇 %p 떨어졌어?",
    "뷰티산업 지원사업 올해 예산 얼마야?",
    "뷰티산업 지원은 어떤 조례에 근거해?",
    "올해 서울뷰티위크 날짜가 언제야?",
    "패션위크 예산이랑 뷰티산업 예산 중 뭐가 더 많아?",
    "22년 서울패션위크 현장 관람객 몇 명 왔어?",
    "청년취업사관학교 올해 예산은?",
]
PASSAGES = [
    "【매칭강화 전담창구】\t취업상담·기업연계·일자리 매칭까지 취업 소과정을 체계적으로 지원",
    "- '23년 예산 : 4,740백만원",
    "- (시민참여) 다채로운 시민 접점 프로그램 구성을 통한 패션위크 축제화",
    "금융투자과\t24/22\t(14)\t22/20\t2/2\t-\t-\t-",
    "- 뷰티를 중심으로 헬스케어·푸드·리빙 등 서울의 첨단테크 전시 및 체험",
    "- 중도 포기자 방지를 위한 상담 내실화, 온·오프라인 소통창구 운영",
    "【취업날개 서비스】\t취업준비생 면접정장 무료 대여 서비스 제공(1인당 10회, 3박4일)",
    "- 시민 체감형 혁신기술 발굴 위한 대학, 쇼핑몰 등 테스트베드 확대",
    "○ B2C 특화 콘텐츠를 활용한 국내 디자이너브랜드 대중 인지도 제고",
    "V. 2022년 행정사무감사 처리결과",
]
PASSAGE_MIN_COSINE = 0.999  # float32 passages: the same computation as sentence-transformers
QUERY_MIN_COSINE = 0.985  # int8 queries: measured minimum 0.990 over 573 gold questions (dev and bench/data)


@pytest.fixture(scope="module")
def reference(e5_dir: Path) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(str(e5_dir))


@pytest.fixture(scope="module")
def onnx(e5_dir: Path):
    return onnx_embedder(e5_dir, EncoderConfig())


def _rowwise_cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_passages_equal_sentence_transformers(onnx, reference: SentenceTransformerEmbedder) -> None:
    texts = PASSAGES + QUESTIONS
    cosines = _rowwise_cosine(onnx.encode_passages(texts), reference.encode_passages(texts))
    assert cosines.min() >= PASSAGE_MIN_COSINE, cosines
    alone = onnx.encode_passages(PASSAGES[:1])  # no padding at all: the traced graph must not depend on it
    assert _rowwise_cosine(alone, reference.encode_passages(PASSAGES[:1])).min() >= PASSAGE_MIN_COSINE


def test_queries_stay_close_to_sentence_transformers(onnx, reference: SentenceTransformerEmbedder) -> None:
    texts = QUESTIONS + PASSAGES
    cosines = _rowwise_cosine(onnx.encode_queries(texts), reference.encode_queries(texts))
    assert cosines.min() >= QUERY_MIN_COSINE, cosines


def test_tokens_and_prompts_are_sentence_transformers_own(e5_dir: Path,
                                                         reference: SentenceTransformerEmbedder) -> None:
    config = FolderConfig.read(e5_dir)
    tokenizer = PromptTokenizer(ensure_file(e5_dir, "tokenizer").path, config)  # the kept vocabulary
    assert (config.query_prompt, config.passage_prompt) == ("query: ", "passage: ")
    too_long = " ".join(PASSAGES * 20)  # past 512 tokens: both truncate alike
    hf = reference._model.tokenizer
    for prompt in (config.query_prompt, config.passage_prompt):
        texts = [*QUESTIONS[:3], too_long]
        ours = tokenizer.encode(texts, prompt)
        theirs = reference._model.tokenize([prompt + t for t in texts])
        np.testing.assert_array_equal(ours.attention_mask, theirs["attention_mask"].numpy())
        for text, their_ids in zip(texts, theirs["input_ids"].numpy()):  # the same pieces, renumbered
            assert tokenizer.tokens(prompt + text) == [t for t in hf.convert_ids_to_tokens(their_ids.tolist())
                                                       if t != hf.pad_token]
    assert ours.input_ids.shape[1] == 512


def test_the_kept_vocabulary_reads_other_scripts_as_unknown(e5_dir: Path) -> None:
    tokenizer = PromptTokenizer(ensure_file(e5_dir, "tokenizer").path, FolderConfig.read(e5_dir))
    ids = tokenizer.encode(["서울 Москва"], prompt="").input_ids[0].tolist()
    unk = tokenizer.encode(["<unk>"], prompt="").input_ids[0][1]
    assert unk in ids and len(ids) < 8


def test_a_drop_in_for_the_torch_embedder(onnx, reference: SentenceTransformerEmbedder, e5_dir: Path) -> None:
    assert onnx.dim == reference.dim and onnx.model_id.startswith(reference.model_id)
    assert load_embedder(DEFAULT_MODEL, e5_dir.parent).model_id == onnx.model_id
    vectors = onnx.encode_queries(QUESTIONS[:3])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert onnx.encode_queries([]).shape == (0, 384) and onnx.encode_passages([]).shape == (0, 384)


def test_serving_with_the_files_made_never_imports_torch(onnx, e5_dir: Path) -> None:
    script = (
        "import sys; from pathlib import Path\n"
        "import web.app, web.loading, qa.engine\n"
        "from index.embedder import DEFAULT_MODEL, load_embedder\n"
        f"embedder = load_embedder(DEFAULT_MODEL, Path({str(e5_dir.parent)!r}))\n"
        "embedder.encode_queries(['청년취업사관학교 예산'])\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_report_lines_keep_the_full_vocabularys_pieces(e5_dir: Path) -> None:
    """Only a line with a letter of a dropped script (`für`) may tokenize differently."""
    from tokenizers import Tokenizer

    from index.vocab_prune import keeps

    full = Tokenizer.from_file(str(e5_dir / "tokenizer.json"))
    full.enable_truncation(FolderConfig.read(e5_dir).max_length)  # as the kept one truncates
    kept = PromptTokenizer(ensure_file(e5_dir, "tokenizer").path, FolderConfig.read(e5_dir))
    lines = [line for line in REPORT.read_text(encoding="utf-8").splitlines() if line]
    differing = [line for line in lines if kept.tokens(line) != full.encode(line).tokens]
    foreign = [line for line in lines if not all(keeps(ch) for ch in line)]
    assert len(lines) > 1000 and set(differing) <= set(foreign) and len(foreign) <= 3


def test_a_token_id_outside_the_table_is_refused(e5_dir: Path) -> None:
    from index.onnx_encoder import TokenTable

    table = TokenTable(ensure_file(e5_dir, "table").path)
    assert table.embed(np.array([[0, 5]])).shape == (1, 2, table.dim)
    with pytest.raises(ValueError, match="does not belong"):
        table.embed(np.array([[0, table.rows]]))
