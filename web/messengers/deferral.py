"""Answer within the platform's time budget, or acknowledge now and post the answer later.

Kakao waits 5 s and Slack 3 s for the HTTP reply. The engine runs in a worker thread; when it
has not finished within the budget and the request named a URL for a later reply (Kakao's
callbackUrl, Slack's response_url), the route acknowledges at once and a background task posts
the full reply there, once. Those URLs come from the request body, so they are only used when
their host is in QA_CALLBACK_HOSTS (https on port 443, or http on loopback).
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
from fastapi import FastAPI

from qa.errors import QAError
from web.background import spawn
from web.edge.net import is_loopback
from web.messengers.common import failure_message
from web.schemas import DEFAULT_TOP_K

if TYPE_CHECKING:
    from qa.answer import Answer
    from qa.engine import QAEngine

logger = logging.getLogger(__name__)
POST_TIMEOUT_SECONDS = 10.0

Reply = dict[str, Any]
Render = Callable[["Answer"], Reply]
Notice = Callable[[str], Reply]


def callback_allowed(url: str | None, hosts: tuple[str, ...]) -> bool:
    """`url` is https on the default port (or http to a loopback host, for tests) on a host matching one of
    `hosts` ('*.x' = any subdomain). False for a URL that does not parse (e.g. "http://[::1", an unclosed
    IPv6 bracket, or a port that is not a number)."""
    try:
        parts = urlsplit(url or "")
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return False
    secure = parts.scheme == "https" and port in (None, 443)
    if not host or not (secure or (parts.scheme == "http" and is_loopback(host))):
        return False
    return any(host.endswith(pattern[1:].lower()) if pattern.startswith("*.") else host == pattern.lower()
               for pattern in hosts)


def start_ask(engine: QAEngine, question: str, session: str | None) -> asyncio.Task[Answer]:
    """Ask in a worker thread, in the conversation stored under `session` (a one-off question when None)."""
    return asyncio.ensure_future(asyncio.to_thread(engine.ask, question, session, DEFAULT_TOP_K))


def settle(task: asyncio.Task[Answer], render: Render, notice: Notice) -> Reply:
    """The finished task's reply: the rendered answer, or a notice saying why there is none."""
    error = task.exception()
    if error is None:
        return render(task.result())
    if not isinstance(error, QAError):  # the engine's own errors are about the question or the index
        logger.error("answering a messenger question failed", exc_info=error)
    return notice(failure_message(error))


async def reply_within(app: FastAPI, task: asyncio.Task[Answer], budget: float, later_url: str | None,
                       render: Render, notice: Notice, ack: Reply) -> Reply:
    """The reply to send now: the answer when ready in time (or when there is no `later_url`,
    however long it takes), else `ack` while a background task posts the answer to `later_url`."""
    if later_url is None:
        await asyncio.wait({task})
        return settle(task, render, notice)
    done, _ = await asyncio.wait({task}, timeout=budget)
    if done:
        return settle(task, render, notice)
    spawn(app, _deliver(later_url, task, render, notice))
    return ack


async def _deliver(url: str, task: asyncio.Task[Answer], render: Render, notice: Notice) -> None:
    await asyncio.wait({task})
    body = settle(task, render, notice)
    try:
        async with httpx.AsyncClient(timeout=POST_TIMEOUT_SECONDS, follow_redirects=False) as client:
            response = await client.post(url, json=body)
        response.raise_for_status()
    except httpx.HTTPError as error:  # the URL may hold a one-time token: log the host only
        logger.warning("posting a deferred reply to %s failed: %s", urlsplit(url).hostname, type(error).__name__)
