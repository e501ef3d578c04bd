"""Fit the one scoring model (qa/scorer.py) on the tune half of the dev set, with cross-validation.

    .venv/bin/python bench/fit_scorer.py ../shared/eval/dev.jsonl [--also bench/data/extra.jsonl ...] [--write]
        [--folds 5] [--threshold 0.4]

For every answerable tune question, every option the ranker scores gets its feature vector and a
label: it answers when its candidate holds a gold evidence string and, for a question with gold
figures, its figure is one of them. The weights minimize a softmax loss over each question's
options (L2-regularized); the regularization is chosen by k-fold top-1 accuracy. The abstention
threshold is read off the folds' curve (abstention on unanswerable vs false abstention) at the
highest abstention that keeps false abstention at or under the target, unless `--threshold` keeps one
chosen on the measured sets (the pooled curve counts every answerable question whose gold line ranks
low as a false abstention, so on hard paraphrase sets it picks a threshold that abstains on half of
what the report does not say). Prints the folds, the curve, and tune/check top-1; `--write` stores the
weights in qa/model/scorer.json. `--also FILE` adds
our own gold questions (bench/data) to the fitting set; the dev check half is never fitted on.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from corpus.candidates import Candidate
from qa.abstain import grounding, GROUNDING_POOL
from qa.engine import QAEngine, load_engine
from qa.evaluation import half_of, load_gold, norm, same_number, same_unit
from qa.features import NAMES
from qa.scorer import DEFAULT_MODEL, Scorer
from web.settings import Settings

LAMBDAS = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
FALSE_ABSTAIN_TARGET = 0.03
SEED = 7


@dataclass
class Sample:
    id: str
    half: str
    answerable: bool
    x: np.ndarray  # (options, features)
    y: np.ndarray  # 1 for an option that answers
    options: list  # the ranker's options, for grounding
    question: object  # the resolved question


def holds(cand: Candidate, evidence: list[str], line_text: str) -> bool:
    ev = [norm(e) for e in evidence if norm(e)]
    own = norm(cand.text)
    if cand.kind == "cell":
        value = norm(cand.text.split(": ", 1)[-1])
        return any(e in norm(line_text) and (value in e or e in value) for e in ev)
    if cand.kind in ("line", "block"):
        return any(e in norm(line_text) or e in own for e in ev)
    return any(e in own or (len(own) >= 10 and own in e) for e in ev)


def answers(option, item: dict, line_text: str) -> bool:
    if not holds(option.cand, item.get("evidence") or [], line_text):
        return False
    gold = [f for f in item.get("figures") or [] if not f.get("computed")]
    if not gold:
        return True
    fig = option.figure
    return fig is not None and any(same_number(fig.value, g["value"]) and same_unit(fig.unit, g["unit"]) for g in gold)


def sample(engine: QAEngine, item: dict, half: str | None = None) -> Sample:
    sid = f"fit-{item['id']}-{time.time_ns()}"
    for earlier in item.get("history") or []:
        engine.ask(earlier, sid)
    ranking = engine.understand(item["question"], engine.sessions.last(sid))
    doc = engine.doc
    x = np.array([o.features for o in ranking.options], dtype=np.float64).reshape(-1, len(NAMES))
    answerable = item["type"] != "unanswerable"
    y = np.array([answerable and answers(o, item, doc.text(o.cand.start, o.cand.end)) for o in ranking.options],
                 dtype=np.float64)
    return Sample(item["id"], half or half_of(item["id"]), answerable, x, y, ranking.options, ranking.question)


def loss_and_grad(w: np.ndarray, samples: list[Sample], lam: float) -> tuple[float, np.ndarray]:
    total, grad = 0.0, np.zeros_like(w)
    for s in samples:
        scores = s.x @ w
        scores -= scores.max()
        p = np.exp(scores)
        p /= p.sum()
        pos = p * s.y
        mass = pos.sum()
        total -= np.log(mass + 1e-12)
        grad -= (pos / (mass + 1e-12)) @ s.x - p @ s.x
    n = max(len(samples), 1)
    return total / n + lam * float(w @ w), grad / n + 2 * lam * w


def fit(samples: list[Sample], lam: float, start: np.ndarray) -> np.ndarray:
    usable = [s for s in samples if s.y.any()]
    result = minimize(loss_and_grad, start, args=(usable, lam), jac=True, method="L-BFGS-B")
    return result.x


def top1(samples: list[Sample], w: np.ndarray) -> float:
    usable = [s for s in samples if s.answerable and len(s.y)]
    return float(np.mean([s.y[int(np.argmax(s.x @ w))] for s in usable])) if usable else 0.0


def folds_of(samples: list[Sample], k: int) -> list[list[Sample]]:
    order = samples[:]
    random.Random(SEED).shuffle(order)
    return [order[i::k] for i in range(k)]


def best_grounding(s: Sample, w: np.ndarray) -> float:
    """The abstention rule's score for a question whose options are ranked by `w`: the best grounding
    among its top options (it answers at any threshold up to this)."""
    order = np.argsort(-(s.x @ w), kind="stable")[:GROUNDING_POOL]
    return max((grounding(s.question, s.options[i]) for i in order), default=0.0)


GRID = tuple(float(t) for t in np.round(np.arange(0.0, 1.001, 0.025), 3))


def curve(samples: list[Sample], ws: dict[str, np.ndarray],
          thresholds: tuple[float, ...] = GRID) -> list[tuple[float, float, float]]:
    """(threshold, abstention on unanswerable, false abstention) for each threshold (0 to 1 by default)."""
    g = {s.id: best_grounding(s, ws[s.id]) for s in samples}
    unans = [s for s in samples if not s.answerable]
    ans = [s for s in samples if s.answerable]
    out = []
    for t in thresholds:
        out.append((float(t), float(np.mean([g[s.id] < t for s in unans])) if unans else 0.0,
                    float(np.mean([g[s.id] < t for s in ans])) if ans else 0.0))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--also", type=Path, action="append", default=[], help="more gold files to fit on")
    parser.add_argument("--write", action="store_true", help=f"store the fitted model in {DEFAULT_MODEL}")
    parser.add_argument("--threshold", type=float, default=None,
                        help="keep this abstention threshold instead of the curve's pick (see the curve it prints)")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    engine = load_engine(settings.report_path, settings.index_dir, settings.model, settings.model_dir)
    items = load_gold(args.gold)
    samples = [sample(engine, item) for item in items]
    samples += [sample(engine, item, "tune") for path in args.also for item in load_gold(path)]
    tune = [s for s in samples if s.half == "tune"]
    check = [s for s in samples if s.half == "check"]
    start = np.array(engine.scorer.weights, dtype=np.float64)
    print(f"tune: {len(tune)} questions ({sum(1 for s in tune if s.y.any())} with a labelled answer), "
          f"check: {len(check)}; hand weights top-1 tune {top1(tune, start):.3f} check {top1(check, start):.3f}")
    folds = folds_of(tune, args.folds)
    best = (-1.0, LAMBDAS[0])
    for lam in LAMBDAS:
        accs = []
        for k, held in enumerate(folds):
            train = [s for j, f in enumerate(folds) if j != k for s in f]
            accs.append(top1(held, fit(train, lam, start)))
        mean = float(np.mean(accs))
        print(f"lambda {lam:<6} fold top-1 {' '.join(f'{a:.2f}' for a in accs)}  mean {mean:.3f}")
        best = max(best, (mean, lam))
    lam = best[1]
    fold_weights: dict[str, np.ndarray] = {}
    for k, held in enumerate(folds):
        w_k = fit([s for j, f in enumerate(folds) if j != k for s in f], lam, start)
        fold_weights.update({s.id: w_k for s in held})
    w = fit(tune, lam, start)
    print(f"chosen lambda {lam}: top-1 tune {top1(tune, w):.3f} check {top1(check, w):.3f}")
    print("weights: " + ", ".join(f"{n}={v:+.2f}" for n, v in zip(NAMES, w)))
    points = curve(tune, fold_weights)
    print("threshold  abstain(unanswerable)  false-abstain   (tune folds)")
    for t, a, f in points:
        print(f"  {t:5.3f}     {a:5.3f}                 {f:5.3f}")
    allowed = [p for p in points if p[2] <= FALSE_ABSTAIN_TARGET]
    threshold = max(allowed, key=lambda p: (p[1], -p[0]))[0] if allowed else 0.0
    picked = threshold
    if args.threshold is not None:
        threshold = args.threshold
    _, check_abstain, check_false = curve(check, {s.id: w for s in check}, (threshold,))[0]
    print(f"chosen threshold {threshold} (curve's pick {picked}): check abstain {check_abstain:.3f} "
          f"false-abstain {check_false:.3f}")
    if args.write:
        fitted_on = " + ".join([f"{args.gold.name} tune half", *(p.name for p in args.also)])
        about = {"on": f"{fitted_on} ({len(tune)} questions)", "folds": args.folds, "lambda": lam,
                 "tune_top1": round(top1(tune, w), 3), "check_top1": round(top1(check, w), 3),
                 "false_abstain_target": FALSE_ABSTAIN_TARGET, "curve_pick": picked,
                 "threshold": "the curve's pick" if args.threshold is None else "given (--threshold)"}
        Scorer(tuple(float(v) for v in w), float(threshold)).save(DEFAULT_MODEL, about)
        print(f"wrote {DEFAULT_MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
