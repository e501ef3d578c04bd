"""Put the edge middleware in front of the app, outermost first:

access log (request id) → security headers → last-resort 500 → CORS (when origins are set) → /api
gate (keys, page cookie, rate limit) → body size limit → the routes.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from web.edge.access_log import AccessLog
from web.edge.body_limit import BodyLimit
from web.edge.catch_all import CatchAll
from web.edge.gate import ApiGate
from web.edge.headers import SecurityHeaders
from web.edge.keys import KeyRing, PageTokens
from web.edge.ratelimit import TokenBuckets
from web.edge.secret import server_secret

if TYPE_CHECKING:
    from web.settings import Settings

logger = logging.getLogger(__name__)


def install_edge(app: FastAPI, settings: Settings) -> None:
    edge = settings.edge
    # one set of buckets: API clients under "key:…"/"ip:…", messenger users under "kakao:…"/"slack:…"
    app.state.limiter = TokenBuckets(edge.rate_limit) if edge.rate_limit else None
    app.state.background_tasks = set()
    app.state.secret = secret = server_secret(edge.page_secret, settings.data_dir)
    # add_middleware wraps what is there, so the innermost goes first
    app.add_middleware(BodyLimit, max_bytes=edge.max_body_bytes)
    app.add_middleware(ApiGate, keys=KeyRing(edge.api_keys, edge.admin_keys), pages=PageTokens(secret),
                       buckets=app.state.limiter)
    if edge.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(edge.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "X-API-Key", "Content-Type", "X-Request-ID"],
                           expose_headers=["X-Request-ID", "Retry-After"])
    app.add_middleware(CatchAll)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog)
    if edge.keys_enabled and not edge.kakao_secret:
        logger.warning("API keys are set but QA_KAKAO_SECRET is not: /kakao/skill answers anyone")
