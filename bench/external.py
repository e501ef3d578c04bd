"""Document retrieval on an external Korean set, with the project's own chunker, tokenizer, indexes and fusion.

    python bench/external.py FILE [--max-queries N] [--chunk-chars 400] [--explore] [--no-bigrams]

FILE is either the AutoRAGRetrieval JSON export (corpus / queries / qrels; the domain is the query id's suffix)
or KorQuAD 1.0 dev (SQuAD format; a question's gold documents are its paragraph and any byte-identical copy).
Documents (pages, paragraphs) are cut into passages by `chunk_plain`. A document's dense score is the best of its
passages; its lexical score is BM25 over the whole document: fused, that measured better than the best passage's
BM25 on KorQuAD and as well on AutoRAG (`--explore` prints both, fusion per passage, and a grid of fusion variants).
Three systems are reported: "system" (the project's `fuse` with the default FusionConfig), "bm25" and "dense";
the last line printed is one JSON object. Embeddings are cached under var/bench-cache/, keyed by the file's hash,
the model id, the chunk size (or query count) and a digest of the encoded texts.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.chunk import chunk_plain
from corpus.tokens import morphs, normalize, question_morphs
from index.dense import DenseIndex
from index.embedder import DEFAULT_MODEL, Embedder, load_embedder
from index.lexical import BM25Index
from qa.fusion import FusionConfig, fuse

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "var" / "bench-cache"
METRICS = ("ndcg@10", "recall@1", "recall@5", "mrr@10")
SYSTEMS = ("system", "bm25", "dense")


@dataclass(frozen=True)
class Query:
    text: str
    gold: frozenset[int]  # document positions
    domain: str


@dataclass(frozen=True)
class BenchSet:
    kind: str
    docs: list[str]
    queries: list[Query]


def load_autorag(data: dict) -> BenchSet:
    ids = list(data["corpus"])
    position = {doc_id: i for i, doc_id in enumerate(ids)}
    queries = [Query(text, frozenset(position[d] for d in data["qrels"][qid]), qid.split("_", 1)[1])
               for qid, text in data["queries"].items()]
    return BenchSet("AutoRAGRetrieval", [data["corpus"][d]["text"] for d in ids], queries)


def load_korquad(data: dict) -> BenchSet:
    contexts = [p["context"] for article in data["data"] for p in article["paragraphs"]]
    same_text: dict[str, list[int]] = {}
    for i, context in enumerate(contexts):
        same_text.setdefault(context, []).append(i)
    queries = [Query(qa["question"], frozenset(same_text[p["context"]]), "all")
               for article in data["data"] for p in article["paragraphs"] for qa in p["qas"]]
    return BenchSet("KorQuAD 1.0 dev", contexts, queries)


def load_set(path: Path) -> BenchSet:
    data = json.loads(path.read_text(encoding="utf-8"))
    if {"corpus", "queries", "qrels"} <= data.keys():
        return load_autorag(data)
    if "data" in data and data["data"] and "paragraphs" in data["data"][0]:
        return load_korquad(data)
    raise SystemExit(f"{path}: neither an AutoRAGRetrieval export nor a SQuAD-format file")


@dataclass(frozen=True)
class Passages:
    texts: list[str]
    starts: np.ndarray  # index of each document's first passage; documents' passages are contiguous

    @classmethod
    def cut(cls, docs: list[str], max_chars: int) -> Passages:
        texts: list[str] = []
        starts = []
        for doc in docs:
            starts.append(len(texts))
            texts.extend(chunk_plain(doc, max_chars) or [doc])
        return cls(texts, np.array(starts, dtype=np.int64))

    def best_per_doc(self, scores: np.ndarray) -> np.ndarray:
        """(queries × passages) → (queries × documents): each document's best passage."""
        return np.maximum.reduceat(scores, self.starts, axis=1)


def _digest(parts: list[str]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def cached_encode(encode: Callable[[list[str]], np.ndarray], texts: list[str], key: str) -> tuple[np.ndarray, bool]:
    """Embeddings of `texts` as the project normalizes them, read from var/bench-cache when this key and these
    exact normalized texts were encoded before."""
    normalized = [normalize(t) for t in texts]
    path = CACHE_DIR / f"{key}-{_digest(normalized)[:12]}.npy"
    if path.exists():
        return np.load(path), True
    vectors = encode(normalized)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, vectors)
    tmp.replace(path)
    return vectors, False


@dataclass(frozen=True)
class Scores:
    """Per-query scores: rows are queries."""
    lexical_passage: np.ndarray  # BM25 over passages
    lexical_doc: np.ndarray  # BM25 over whole documents
    dense_passage: np.ndarray  # cosine with each passage


def score_all(bench: BenchSet, passages: Passages, passage_vecs: np.ndarray, query_vecs: np.ndarray,
              bigrams: bool) -> Scores:
    passage_bm25 = BM25Index.build([morphs(t, bigrams=bigrams) for t in passages.texts])
    doc_bm25 = BM25Index.build([morphs(t, bigrams=bigrams) for t in bench.docs])
    dense = DenseIndex.build(passage_vecs)
    terms = [question_morphs(q.text, bigrams) for q in bench.queries]
    return Scores(np.vstack([passage_bm25.score(t) for t in terms]),
                  np.vstack([doc_bm25.score(t) for t in terms]),
                  np.vstack([dense.scores(v) for v in query_vecs]))


def fuse_rows(lexical: np.ndarray, dense: np.ndarray, cfg: FusionConfig) -> np.ndarray:
    return np.vstack([fuse(lex, den, cfg) for lex, den in zip(lexical, dense)])


def doc_scores(scores: Scores, passages: Passages, cfg: FusionConfig, level: str = "doc") -> np.ndarray:
    """Document scores of one system. level "doc": whole-document BM25 fused with the best passage's cosine;
    "max": best passage of each retriever, then fused; "passage": passages fused, then the best one."""
    if level == "passage":
        return passages.best_per_doc(fuse_rows(scores.lexical_passage, scores.dense_passage, cfg))
    lexical = scores.lexical_doc if level == "doc" else passages.best_per_doc(scores.lexical_passage)
    return fuse_rows(lexical, passages.best_per_doc(scores.dense_passage), cfg)


def per_query_metrics(matrix: np.ndarray, queries: list[Query]) -> dict[str, np.ndarray]:
    """Binary-relevance metrics per query; recall@k counts a query as found when any gold document is in the top k
    (KorQuAD's several golds of one question are copies of the same paragraph)."""
    top = np.argsort(-matrix, axis=1, kind="stable")[:, :10]
    hits = np.array([[d in q.gold for d in row] for row, q in zip(top, queries)], dtype=np.float64)
    discounts = 1.0 / np.log2(np.arange(2, 12))
    ideal = np.array([discounts[:min(len(q.gold), 10)].sum() for q in queries])
    first = np.where(hits.any(axis=1), hits.argmax(axis=1) + 1, np.inf)
    return {"ndcg@10": hits @ discounts / ideal, "recall@1": hits[:, 0], "recall@5": hits[:, :5].max(axis=1),
            "mrr@10": 1.0 / first}


def summary(per_query: dict[str, np.ndarray], mask: np.ndarray | None = None) -> dict[str, float]:
    return {m: round(float(v[mask].mean() if mask is not None else v.mean()), 4) for m, v in per_query.items()}


def explore_grid() -> Iterator[tuple[str, FusionConfig]]:
    """Fusion variants tried on both sets; the default FusionConfig was chosen from these."""
    yield "rrf k=60 1:1", FusionConfig(method="rrf")
    for w in (2.0, 3.0, 5.0):
        yield f"rrf k=60 {w:g}:1", FusionConfig(method="rrf", lexical_weight=w)
    for alpha in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        yield f"minmax {alpha:.1f}:{1 - alpha:.1f}", FusionConfig(lexical_weight=alpha, dense_weight=round(1 - alpha, 2))


def print_explore(scores: Scores, passages: Passages, queries: list[Query]) -> None:
    print("\nexplore (nDCG@10 / R@1 / MRR@10); doc = whole-document BM25 + best-passage dense, "
          "max = best passage of each, passage = fused per passage then best")
    for level in ("doc", "max", "passage"):
        bm25 = summary(per_query_metrics(doc_scores(scores, passages, FusionConfig(mode="bm25"), level), queries))
        print(f"  {level:8} {'bm25 alone':16} {bm25['ndcg@10']:.4f} / {bm25['recall@1']:.4f} / {bm25['mrr@10']:.4f}")
        for name, cfg in explore_grid():
            s = summary(per_query_metrics(doc_scores(scores, passages, cfg, level), queries))
            print(f"  {level:8} {name:16} {s['ndcg@10']:.4f} / {s['recall@1']:.4f} / {s['mrr@10']:.4f}")


def print_table(results: dict[str, dict[str, np.ndarray]], queries: list[Query]) -> None:
    domains = sorted({q.domain for q in queries})
    print(f"\n{'domain':10} {'n':>5} {'system':8} " + " ".join(f"{m:>9}" for m in METRICS))
    for domain in (["all"] + domains if len(domains) > 1 else ["all"]):
        mask = np.array([domain == "all" or q.domain == domain for q in queries])
        for name in SYSTEMS:
            row = summary(results[name], mask)
            print(f"{domain:10} {int(mask.sum()):5} {name:8} " + " ".join(f"{row[m]:9.4f}" for m in METRICS))


@contextmanager
def timed(label: str, timings: dict[str, float]) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[label] = time.perf_counter() - start


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.@-]+", "_", text)


def embed(embedder: Embedder, file_key: str, passages: Passages, queries: list[Query], chunk_chars: int,
          timings: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    key = f"{file_key}-{_slug(embedder.model_id)}"
    with timed("encode passages", timings):
        passage_vecs, hit_p = cached_encode(embedder.encode_passages, passages.texts, f"{key}-c{chunk_chars}-passages")
    with timed("encode queries", timings):
        query_vecs, hit_q = cached_encode(embedder.encode_queries, [q.text for q in queries],
                                          f"{key}-q{len(queries)}-queries")
    print(f"embeddings: passages {'cached' if hit_p else 'encoded'}, queries {'cached' if hit_q else 'encoded'}")
    return passage_vecs, query_vecs


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="AutoRAGRetrieval JSON or KorQuAD (SQuAD-format) JSON")
    parser.add_argument("--max-queries", type=int, default=None, help="only the first N questions")
    parser.add_argument("--chunk-chars", type=int, default=400, help="passage size for chunk_plain")
    parser.add_argument("--explore", action="store_true", help="also print the grid of fusion variants")
    parser.add_argument("--no-bigrams", dest="bigrams", action="store_false",
                        help="BM25 without the syllable bigrams of long nouns that the report index adds")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    timings: dict[str, float] = {}
    with timed("load", timings):
        bench = load_set(args.file)
        queries = bench.queries[:args.max_queries]
        file_key = hashlib.sha256(args.file.read_bytes()).hexdigest()[:16]
    with timed("chunk", timings):
        passages = Passages.cut(bench.docs, args.chunk_chars)
    print(f"{bench.kind}: {len(bench.docs)} documents, {len(passages.texts)} passages "
          f"(<= {args.chunk_chars} chars at sentence ends), {len(queries)} queries")
    with timed("load model", timings):
        embedder = load_embedder(DEFAULT_MODEL, ROOT / "var" / "models")
    passage_vecs, query_vecs = embed(embedder, file_key, passages, queries, args.chunk_chars, timings)
    with timed("tokenize + index + score", timings):
        scores = score_all(BenchSet(bench.kind, bench.docs, queries), passages, passage_vecs, query_vecs, args.bigrams)
    with timed("fuse + metrics", timings):
        configs = {"system": FusionConfig(), "bm25": FusionConfig(mode="bm25"), "dense": FusionConfig(mode="dense")}
        results = {name: per_query_metrics(doc_scores(scores, passages, cfg), queries) for name, cfg in configs.items()}
    if args.explore:
        with timed("explore", timings):
            print_explore(scores, passages, queries)
    print(f"\nsystem = fuse with {FusionConfig()}; BM25 {'with' if args.bigrams else 'without'} noun bigrams")
    print_table(results, queries)
    print("\ntimings: " + ", ".join(f"{label} {sec:.1f} s" for label, sec in timings.items()))
    print(json.dumps({name: summary(per_query) for name, per_query in results.items()}))


if __name__ == "__main__":
    main()
