"""Side by side on a gold file: the full system, BM25-only, dense-only, and a naive baseline
(500-character windows with 50 overlap, no structure, dense only).

    .venv/bin/python bench/compare.py ../shared/eval/dev.jsonl [--json]

Prints one row per system: Recall@1, Recall@5, MRR, section@1, figure accuracy, abstention on
unanswerable questions, false abstentions, p50/p95 latency of the in-process call.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from index.dense import DenseIndex
from index.store import ReportIndex
from qa.engine import QAEngine, load_engine
from qa.evaluation import evaluate, load_gold
from qa.fusion import FusionConfig
from qa.serialize import answer_to_dict
from web.settings import Settings

COLUMNS = ("recall@1", "recall@5", "mrr", "section@1", "figure_struct", "abstain_on_unanswerable",
           "false_abstain", "latency_ms_p50", "latency_ms_p95")


def naive_windows(text: str, size: int = 500, overlap: int = 50) -> list[str]:
    step = size - overlap
    return [text[i:i + size] for i in range(0, max(len(text) - overlap, 1), step)]


def naive_ask(index: ReportIndex):
    """A dense-only retriever over plain windows: no sections, no figures, never abstains."""
    windows = naive_windows("\n".join(index.doc.lines))
    dense = DenseIndex.build(index.embedder.encode_passages(windows))

    def ask(question: str, session_id: str, top_k: int) -> dict:
        vector = index.embedder.encode_queries([question])[0]
        hits = dense.search(np.asarray(vector), top_k)
        passages = [{"id": f"w{i}", "text": windows[i], "score": s, "section": {"ref": "", "title": "", "path": []},
                     "lines": [0, 0]} for i, s in hits]
        return {"answer": "", "abstained": False, "session_id": session_id, "passages": passages, "figures": []}
    return ask


def engine_ask(engine: QAEngine):
    return lambda q, sid, k: answer_to_dict(engine.ask(q, sid, k))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--json", action="store_true", help="print the summaries as JSON")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    system = load_engine(settings.report_path, settings.index_dir, settings.model, settings.model_dir)
    items = load_gold(args.gold)
    runs = {
        "system": engine_ask(system),
        "bm25": engine_ask(QAEngine(system.index, FusionConfig(mode="bm25"))),
        "dense": engine_ask(QAEngine(system.index, FusionConfig(mode="dense"))),
        "naive": naive_ask(system.index),
    }
    results = {name: evaluate(items, ask, 5) for name, ask in runs.items()}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    print(f"{'':8}" + "".join(f"{c[:15]:>16}" for c in COLUMNS))
    for name, summary in results.items():
        print(f"{name:8}" + "".join(f"{_cell(summary.get(c)):>16}" for c in COLUMNS))
    return 0


def _cell(value) -> str:
    return "-" if value is None else f"{value}"


if __name__ == "__main__":
    sys.exit(main())
