"""The `qa` command: serve the API, (re)build the index, ask one question, or score a gold set."""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa.errors import QAError
from web.serialize import answer_to_dict
from web.edge.access_log import configure_access_log
from web.edge.net import is_loopback
from web.schemas import DEFAULT_TOP_K
from web.settings import Settings, SettingsError

if TYPE_CHECKING:
    from qa.answer import Answer
    from qa.engine import QAEngine

HEADLINE = ("recall@1", "recall@{k}", "mrr", "section@1", "figure_struct", "figure_in_answer",
            "abstain_on_unanswerable", "false_abstain", "latency_ms_p50", "latency_ms_p95")


def _load(settings: Settings) -> QAEngine:
    from web.app import load_configured_engine  # imports the engine stack only for commands that need it

    print(f"loading the index from {settings.index_dir} (built first if missing or stale)...", file=sys.stderr)
    return load_configured_engine(settings)


def exposure_notice(settings: Settings, allow_no_auth: bool) -> tuple[bool, str | None]:
    """(may serve, what to tell the operator): without API keys only loopback is served, unless
    --allow-no-auth says something in front (a proxy, a firewall) does the gatekeeping."""
    if settings.edge.keys_enabled:
        return True, None
    if is_loopback(settings.host):
        return True, (f"no API keys set (QA_API_KEYS or QA_API_KEYS_FILE): the API is open to anyone on "
                      f"this machine, so it listens on loopback ({settings.host}) only")
    if allow_no_auth:
        return True, (f"WARNING: listening on {settings.host} without API keys (--allow-no-auth): anyone "
                      "who can reach this port can use the API")
    return False, (f"refusing to listen on {settings.host} without API keys: anyone on the network could use "
                   "the API. Set QA_API_KEYS or QA_API_KEYS_FILE, listen on 127.0.0.1, or pass "
                   "--allow-no-auth when a proxy in front authenticates callers")


def serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from web.app import create_app

    host = settings.host if args.host is None else args.host
    settings = dataclasses.replace(settings, host=host, port=settings.port if args.port is None else args.port)
    allowed, notice = exposure_notice(settings, args.allow_no_auth)
    if notice:
        print(f"qa serve: {notice}", file=sys.stderr)
    if not allowed:
        return 2
    print(f"serving on http://{settings.host}:{settings.port} (API docs at /docs); /healthz answers 503 while "
          "the index loads (or builds, on first start or when it is damaged)", file=sys.stderr)
    if args.workers > 1:
        from web.workers import serve_workers

        return serve_workers(settings, args.workers)
    configure_access_log()
    app = create_app(settings, load_in_background=True)
    server = uvicorn.Server(uvicorn.Config(app, host=settings.host, port=settings.port, access_log=False))
    app.state.loader.stop_server = lambda: setattr(server, "should_exit", True)
    server.run()
    if app.state.loader.failure:
        print(f"qa serve: {app.state.loader.failure}", file=sys.stderr)
        return 1
    return 0


def build(args: argparse.Namespace, settings: Settings) -> int:
    from index.store import CURRENT, read_manifest
    from qa.engine import build_index

    start = time.perf_counter()
    index_dir = build_index(settings.report_path, settings.index_dir, settings.model, settings.model_dir,
                            settings.encoder)
    chunks = read_manifest(index_dir / CURRENT).n_chunks
    print(f"built {chunks} chunks with {settings.model} in {time.perf_counter() - start:.1f} s -> {index_dir}")
    return 0


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _format_answer(answer: Answer) -> str:
    lines = [answer.answer + (" (답변 보류)" if answer.abstained else ""), "", "근거:"]
    for rank, passage in enumerate(answer.passages, start=1):
        start, end = passage.lines
        lines.append(f" [{rank}] {' > '.join(passage.section.path)} (줄 {start}-{end}, 점수 {passage.score:.3f})")
        lines.append("     " + " ".join(passage.text.split())[:160])
    if answer.figures:
        lines += ["", "수치:"]
    for figure in answer.figures:
        extra = "".join([f", {figure.year}년" if figure.year else "", ", 계산값" if figure.computed else ""])
        where = " > ".join(figure.section.path)
        lines.append(f" - {figure.label}: {_number(figure.value)} {figure.unit}{extra} ({where})")
    return "\n".join(lines)


def ask_one(args: argparse.Namespace, settings: Settings) -> int:
    answer = _load(settings).ask(args.question, session_id=args.session, top_k=args.top_k)
    print(json.dumps(answer_to_dict(answer), ensure_ascii=False, indent=2) if args.json else _format_answer(answer))
    return 0


def _format_summary(summary: dict[str, Any], k: int) -> str:
    lines = [f"{summary['n']} questions, answered without error: {summary['http_ok']}"]
    lines += [f"  {name.format(k=k):<24} {summary[name.format(k=k)]}" for name in HEADLINE]
    lines.append("by type:")
    for kind, scores in summary["by_type"].items():
        recall = scores[f"recall@{k}"]
        lines.append(f"  {kind:<13} n={scores['n']:<3} recall@{k}={recall} abstained={scores['abstained']}")
    lines.append(f"misses: {' '.join(summary['misses']) or '-'}")
    return "\n".join(lines)


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    from qa.evaluation import evaluate, load_gold

    items = load_gold(args.file)
    engine = _load(settings)
    summary = evaluate(items, lambda q, sid, k: answer_to_dict(engine.ask(q, session_id=sid, top_k=k)), k=args.k)
    print(json.dumps(summary, ensure_ascii=False, indent=1) if args.json else _format_summary(summary, args.k))
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qa", description=__doc__, epilog="Settings come from QA_* variables.")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    run = commands.add_parser("serve", help="serve the HTTP API (index built on first start)")
    run.add_argument("--host", help="bind address (default: QA_HOST or 127.0.0.1)")
    run.add_argument("--port", type=int, help="port (default: QA_PORT or 8000)")
    run.add_argument("--allow-no-auth", action="store_true",
                     help="listen on a non-loopback address even without API keys (behind an authenticating proxy)")
    run.add_argument("--workers", type=_positive, default=1,
                     help="server processes, each with its own engine (default: 1; see QA_ENCODER_THREADS)")
    run.set_defaults(command=serve)
    commands.add_parser("build", help="rebuild the index from the report").set_defaults(command=build)
    one = commands.add_parser("ask", help="answer one question")
    one.add_argument("question")
    one.add_argument("--json", action="store_true", help="print the POST /api/ask response body")
    one.add_argument("--session", help="session id, to ask follow-ups of earlier questions")
    one.add_argument("--top-k", type=_positive, default=DEFAULT_TOP_K, help="passages to cite (default: 5)")
    one.set_defaults(command=ask_one)
    gold = commands.add_parser("eval", help="score a gold JSONL set in-process")
    gold.add_argument("file", type=Path, help="gold questions, one JSON object a line")
    gold.add_argument("--k", type=_positive, default=DEFAULT_TOP_K, help="passages per question (default: 5)")
    gold.add_argument("--json", action="store_true", help="print the summary as JSON")
    gold.set_defaults(command=run_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.command(args, Settings.from_env())
    except SettingsError as error:
        parser.error(str(error))
    except QAError as error:
        print(f"qa: {error.code}: {error}", file=sys.stderr)
    except OSError as error:
        print(f"qa: {error}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
