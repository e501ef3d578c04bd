"""What a person does on the chat page, as Selenium steps: type and send, wait, click, read the panel."""
from __future__ import annotations

import json
import urllib.request
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

ANSWER_LIMIT_SECONDS = 120  # a bound so a broken page fails instead of hanging, not a speed requirement
REPLIES = "#conversation .msg.answer, #conversation .msg.error"
# The narrow screen's sheet slides up; until it rests inside the window its text is not yet shown.
SETTLED = "const box = arguments[0].getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight + 1;"


def wait(driver: WebDriver) -> WebDriverWait:
    return WebDriverWait(driver, ANSWER_LIMIT_SECONDS)


def replies(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, REPLIES)


def ask(driver: WebDriver, question: str) -> WebElement:
    """Type the question, press Enter, and return the answer (or error) that appears for it."""
    close_sheet(driver)
    before = len(replies(driver))
    box = driver.find_element(By.ID, "question")
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    return wait_for_reply(driver, before)


def wait_for_reply(driver: WebDriver, before: int) -> WebElement:
    wait(driver).until(lambda d: len(replies(d)) > before and form_busy(d) == "false")
    return replies(driver)[-1]


def form_busy(driver: WebDriver) -> str | None:
    return driver.find_element(By.ID, "ask-form").get_attribute("aria-busy")


def close_sheet(driver: WebDriver) -> None:
    """On a narrow screen the panel is a sheet over the input; close it as a reader would."""
    close = driver.find_element(By.ID, "panel-close")
    if close.is_displayed():
        close.click()
        wait(driver).until(lambda d: not d.find_element(By.ID, "scrim").is_displayed())


def panel_titled(driver: WebDriver, prefix: str) -> WebElement:
    """The panel once it shows a view whose title starts with `prefix` and has finished loading."""
    def shown(d: WebDriver) -> bool:
        title = d.find_element(By.ID, "panel-title").text
        return (title.startswith(prefix) and not d.find_elements(By.CSS_SELECTOR, "#panel-body .loading")
                and d.execute_script(SETTLED, d.find_element(By.ID, "panel")))
    wait(driver).until(shown)
    panel = driver.find_element(By.ID, "panel")
    assert panel.is_displayed() and driver.find_element(By.ID, "panel-body").is_displayed()
    return panel


def breadcrumb(panel: WebElement) -> list[str]:
    return [item.text for item in panel.find_elements(By.CSS_SELECTOR, ".breadcrumb li")]


def marked(panel: WebElement) -> list[str]:
    return [mark.text for mark in panel.find_elements(By.CSS_SELECTOR, "mark.evidence")]


def console_errors(driver: WebDriver) -> list[str]:
    """Errors in the page's console since the last call: script errors, Content-Security-Policy refusals."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


ADMIN_KEY = "e2e-admin-key-0123456789"  # the server's QA_ADMIN_KEYS: reads the feedback export


def get_json(url: str, headers: dict[str, str] | None = None) -> Any:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
        return json.load(response)
