"""Side by side on a gold file: the full system, BM25-only, dense-only, and a naive baseline
(500-character windows with 50 overlap, no structure, dense only).

    .venv/bin/python bench/compare.py ../shared/eval/dev.jsonl [--json]

Each system answers every question once, in-process; one table per split of the gold file (the fixed
tune and check halves of ../shared/eval/score_api.py, then the full file), one row per system:
Recall@1, Recall@5, MRR, cited, section@1, figures, abstention on unanswerable questions, false
abstentions, p50/p95 latency. "-" marks a metric that does not apply (the naive baseline has no
answer, sections or figures and never abstains). A benchmark, not a test: it asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from index.dense import DenseIndex
from index.store import ReportIndex
from qa.engine import QAEngine, load_engine
from qa.evaluation import HALVES, AskFn, load_gold, run, summarize
from qa.fusion import FusionConfig
from web.serialize import answer_to_dict
from web.settings import Settings

K = 5
COLUMNS = {"n": "n", "recall@1": "R@1", f"recall@{K}": f"R@{K}", "mrr": "MRR", "cited": "cited",
           "section@1": "section@1", "figure_struct": "figures", "abstain_on_unanswerable": "abstain",
           "false_abstain": "false abstain"}
NAIVE_LACKS = frozenset({"cited", "section@1", "figure_struct", "figure_in_answer", "abstain_on_unanswerable",
                         "false_abstain"})


def naive_windows(text: str, size: int = 500, overlap: int = 50) -> list[str]:
    step = size - overlap
    return [text[i:i + size] for i in range(0, max(len(text) - overlap, 1), step)]


def naive_ask(index: ReportIndex) -> AskFn:
    """A dense-only retriever over plain windows: no sections, no figures, never abstains."""
    windows = naive_windows("\n".join(index.doc.lines))
    dense = DenseIndex.build(index.embedder.encode_passages(windows))

    def ask(question: str, session_id: str, top_k: int) -> dict[str, Any]:
        vector = index.embedder.encode_queries([question])[0]
        hits = dense.search(np.asarray(vector), top_k)
        passages = [{"id": f"w{i}", "text": windows[i], "score": s, "section": {"ref": "", "title": "", "path": []},
                     "lines": [0, 0]} for i, s in hits]
        return {"answer": "", "abstained": False, "session_id": session_id, "passages": passages, "figures": []}
    return ask


def engine_ask(engine: QAEngine) -> AskFn:
    return lambda q, sid, k: answer_to_dict(engine.ask(q, sid, k))


def compare(gold: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Summaries by split (tune, check, full), then by system; each system asks each question once."""
    settings = Settings.from_env()
    system = load_engine(settings.report_path, settings.index_dir, settings.model, settings.model_dir,
                         encoder=settings.encoder)
    runs = {
        "system": engine_ask(system),
        "bm25": engine_ask(QAEngine(system.index, FusionConfig(mode="bm25"))),
        "dense": engine_ask(QAEngine(system.index, FusionConfig(mode="dense"))),
        "naive": naive_ask(system.index),
    }
    split_ids = {half: {item["id"] for item in load_gold(gold, half)} for half in HALVES}
    items = load_gold(gold)
    results: dict[str, dict[str, dict[str, Any]]] = {split: {} for split in (*HALVES, "full")}
    for name, ask in runs.items():
        rows = run(items, ask, K)
        for split, summaries in results.items():
            kept = [row for row in rows if split == "full" or row.id in split_ids[split]]
            lacks = NAIVE_LACKS if name == "naive" else frozenset()
            summaries[name] = {key: value for key, value in summarize(kept, K).items() if key not in lacks}
    return results


def table(summaries: dict[str, dict[str, Any]]) -> list[str]:
    """One line per system; fractions to 3 places, latencies in whole milliseconds."""
    widths = {key: max(len(label), 5) + 2 for key, label in COLUMNS.items()}
    lines = [f"{'':8}" + "".join(f"{label:>{widths[key]}}" for key, label in COLUMNS.items()) + f"{'p50 / p95 ms':>15}"]
    for name, summary in summaries.items():
        latency = f"{summary['latency_ms_p50']:.0f} / {summary['latency_ms_p95']:.0f}"
        cells = "".join(f"{_cell(summary.get(key)):>{widths[key]}}" for key in COLUMNS)
        lines.append(f"{name:8}{cells}{latency:>15}")
    return lines


def _cell(value: int | float | None) -> str:
    if value is None:
        return "-"
    return f"{value}" if isinstance(value, int) else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--json", action="store_true", help="print the summaries as JSON instead of tables")
    args = parser.parse_args(argv)
    results = compare(args.gold)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    for split, summaries in results.items():
        print(f"\n{split} ({summaries['system']['n']} questions)")
        print("\n".join(table(summaries)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
