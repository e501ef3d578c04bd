#!/usr/bin/env python3
"""Validate bench/data/extra.jsonl against the report (standard library only).

For every evidence string: after removing all whitespace it must be a substring of a single line of
the report, the line taken after replacing HTML tags (`</?[A-Za-z][^>]*>`) by a space and removing all
whitespace. Also checks keys, unique ids, types, figures, history and per-type consistency.

usage: check_extra.py [--file extra.jsonl] [--report path/to/report.txt]
"""
import argparse
import collections
import json
import numbers
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FILE = os.path.join(HERE, "extra.jsonl")
DEFAULT_REPORT = "/work/shared/report/seoul-economic-policy-2023-03.txt"

KEYS = {"id", "question", "type", "answer", "evidence", "section", "figures", "history"}
TYPES = {"numeric", "fact", "date", "table", "list", "compare", "aggregate", "followup",
         "unanswerable", "audit"}
FIGURE_TYPES = {"numeric", "table", "aggregate", "compare"}
TAG = re.compile(r"</?[A-Za-z][^>]*>")
WS = re.compile(r"\s+")
MIN_EVIDENCE = 8


def norm(s):
    return WS.sub("", s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", default=DEFAULT_FILE)
    ap.add_argument("--report", default=DEFAULT_REPORT)
    a = ap.parse_args()

    with open(a.report, encoding="utf-8") as f:
        lines = [norm(TAG.sub(" ", ln)) for ln in f.read().split("\n")]
    report_norm = "".join(lines)

    errors, warnings = [], []
    ids = collections.Counter()
    by_type = collections.Counter()
    n = 0
    with open(a.file, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            n += 1
            try:
                it = json.loads(raw)
            except json.JSONDecodeError as e:
                errors.append(f"line {lineno}: bad JSON: {e}")
                continue
            iid = it.get("id", f"<line {lineno}>")
            where = f"{iid}"
            keys = set(it)
            if keys != KEYS:
                errors.append(f"{where}: keys missing {sorted(KEYS - keys)} extra {sorted(keys - KEYS)}")
                continue
            ids[iid] += 1
            if not re.fullmatch(r"[a-z]\d{3}", str(iid)):
                errors.append(f"{where}: id should look like x001 (one letter a file, three digits)")
            t = it["type"]
            by_type[t] += 1
            if t not in TYPES:
                errors.append(f"{where}: bad type {t!r}")
            for k in ("question", "answer"):
                if not isinstance(it[k], str) or not it[k].strip():
                    errors.append(f"{where}: {k} must be a non-empty string")
            ev = it["evidence"]
            if not isinstance(ev, list) or not all(isinstance(e, str) for e in ev):
                errors.append(f"{where}: evidence must be a list of strings")
                ev = []
            if t == "unanswerable":
                if ev:
                    errors.append(f"{where}: unanswerable must have empty evidence")
                if it["section"] is not None:
                    errors.append(f"{where}: unanswerable must have section null")
            else:
                if not 1 <= len(ev) <= 3:
                    errors.append(f"{where}: evidence needs 1-3 strings, has {len(ev)}")
                if not isinstance(it["section"], str) or not it["section"].strip():
                    errors.append(f"{where}: section must be a non-empty string")
                elif norm(it["section"]) not in report_norm:
                    errors.append(f"{where}: section {it['section']!r} not found in the report")
            for e in ev:
                ne = norm(e)
                if len(ne) < MIN_EVIDENCE:
                    warnings.append(f"{where}: short evidence {e!r}")
                if "\n" in e:
                    errors.append(f"{where}: evidence spans a line break: {e!r}")
                hits = [i + 1 for i, ln in enumerate(lines) if ne and ne in ln]
                if not hits:
                    errors.append(f"{where}: evidence not in any single report line: {e!r}")
            figs = it["figures"]
            if not isinstance(figs, list):
                errors.append(f"{where}: figures must be a list")
                figs = []
            for g in figs:
                if not isinstance(g, dict) or not {"value", "unit"} <= set(g) or set(g) - {"value", "unit", "computed"}:
                    errors.append(f"{where}: bad figure {g!r}")
                    continue
                if not isinstance(g["value"], numbers.Number) or isinstance(g["value"], bool):
                    errors.append(f"{where}: figure value not a number {g!r}")
                if not isinstance(g["unit"], str) or not g["unit"].strip():
                    errors.append(f"{where}: figure unit must be a non-empty string {g!r}")
                if "computed" in g and g["computed"] is not True:
                    errors.append(f"{where}: computed must be true when present {g!r}")
            if t in FIGURE_TYPES and not figs:
                if t == "table":  # a table cell may hold a name or a place, not a number
                    warnings.append(f"{where}: table item without figures (non-numeric cell)")
                else:
                    errors.append(f"{where}: type {t} needs figures")
            if t == "aggregate" and not any(g.get("computed") for g in figs if isinstance(g, dict)):
                errors.append(f"{where}: aggregate needs a computed figure")
            if t == "unanswerable" and figs:
                errors.append(f"{where}: unanswerable must have no figures")
            hist = it["history"]
            if not isinstance(hist, list) or not all(isinstance(h, str) and h.strip() for h in hist):
                errors.append(f"{where}: history must be a list of non-empty strings")
            elif t == "followup" and not hist:
                errors.append(f"{where}: followup needs history")
            elif t != "followup" and hist:
                errors.append(f"{where}: only followup items carry history")
    for iid, c in ids.items():
        if c > 1:
            errors.append(f"{iid}: duplicate id ({c} times)")
    qs = collections.Counter()
    with open(a.file, encoding="utf-8") as f:
        for raw in f:
            if raw.strip():
                it = json.loads(raw)
                qs[(tuple(it.get("history") or []), it.get("question"))] += 1
    for (h, q), c in qs.items():
        if c > 1:
            errors.append(f"duplicate question {q!r}")

    print(f"items: {n}")
    print("per type: " + ", ".join(f"{t}={by_type[t]}" for t in sorted(by_type)))
    for w in warnings:
        print("WARN", w)
    for e in errors:
        print("FAIL", e)
    print(f"{len(errors)} failures, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
