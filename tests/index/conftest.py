"""The converted default model, made once per test session (about 6 s and 470 MB in a temporary folder)."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.e5_convert import ensure_e5_model
from index.embedder import E5_FOLDER_NAME


@pytest.fixture(scope="session")
def e5_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_e5_model(tmp_path_factory.mktemp("models") / E5_FOLDER_NAME)
