"""Giving freed memory back to the system once the engine is loaded.

Loading parses the index files and the tokenizer's JSON, analyzes the report and builds the ranker's tables;
most of what that allocates is freed again, but glibc keeps the freed pages in the process (measured: about
70 MB of a 680 MB server). `malloc_trim` hands them back.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging

logger = logging.getLogger(__name__)


def release_free_memory() -> None:
    """Return the C heap's free pages to the system; nothing happens where the C library has no malloc_trim."""
    try:
        trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        logger.debug("no malloc_trim in this C library: freed memory stays with the process")
        return
    trim(0)
