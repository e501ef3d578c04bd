"""The chat page in headless Chromium against the real server, at 360 px and at desktop width."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from tests.e2e.browser_steps import (ADMIN_KEY, ask, breadcrumb, close_sheet, console_errors, form_busy, get_json,
                                     marked, panel_titled, replies, wait, wait_for_reply)

pytestmark = pytest.mark.e2e

BUDGET_QUESTION = "청년취업사관학교 올해 예산은?"
BUDGET = "37,799백만원"


def test_budget_answer_opens_its_passage_with_the_figure_highlighted(page: WebDriver) -> None:
    answer = ask(page, BUDGET_QUESTION)
    assert BUDGET in answer.find_element(By.CSS_SELECTOR, ".answer-text").text
    assert "377.99억원" in answer.find_element(By.CSS_SELECTOR, ".figure-table").text
    answer.find_element(By.CSS_SELECTOR, ".answer-text .cite").click()
    panel = panel_titled(page, "근거")
    assert any(BUDGET.replace("백만원", "") in text for text in marked(panel)), marked(panel)
    assert breadcrumb(panel)[0].startswith("Ⅳ") and breadcrumb(panel)[-1].endswith("사업개요")
    panel.find_element(By.CSS_SELECTOR, ".whole-section").click()
    panel = panel_titled(page, "섹션 원문")
    assert any(BUDGET.replace("백만원", "") in text for text in marked(panel))
    assert console_errors(page) == []  # the strict CSP refused nothing, no script failed


def test_followup_answers_from_the_previous_years_results(page: WebDriver) -> None:
    first = ask(page, BUDGET_QUESTION)
    chips = [chip.text for chip in first.find_elements(By.CSS_SELECTOR, ".chips .chip")]
    assert "'22년 성과는?" in chips
    followup = ask(page, "작년 성과는?")
    followup.find_element(By.CSS_SELECTOR, ".answer-text .cite").click()
    panel = panel_titled(page, "근거")
    assert re.search(r"'22년 추진 ?성과", " > ".join(breadcrumb(panel))), breadcrumb(panel)
    assert "청년취업사관학교" in " > ".join(breadcrumb(panel))


def test_absent_question_shows_the_abstention_with_nearest_sections(page: WebDriver) -> None:
    answer = ask(page, "서울시 2024년 예산 총액은?")
    assert "abstained" in answer.get_attribute("class").split(), answer.text
    assert answer.find_element(By.CSS_SELECTOR, ".abstain-head").text == "보고서에 없는 내용입니다"
    links = answer.find_elements(By.CSS_SELECTOR, ".nearest-link")
    assert links and not answer.find_elements(By.CSS_SELECTOR, ".figure-table")
    links[0].click()
    assert breadcrumb(panel_titled(page, "섹션 원문"))


@pytest.mark.parametrize("attack", ["<script>alert(1)</script>", '<img src=x onerror="window.__xss=1">'])
def test_markup_in_a_question_is_shown_as_text_and_never_runs(page: WebDriver, attack: str) -> None:
    ask(page, f"{attack} 청년취업사관학교 예산은?")
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert  # noqa: B018 - raises when no alert was opened
    assert page.execute_script("return window.__xss") is None
    question = page.find_elements(By.CSS_SELECTOR, "#conversation .msg.question")[-1]
    assert question.text == f"{attack} 청년취업사관학교 예산은?"
    assert not page.find_elements(By.CSS_SELECTOR, "#conversation script, #conversation img")
    assert console_errors(page) == []


def test_waiting_state_keyboard_and_errors_in_words(page: WebDriver) -> None:
    box = page.find_element(By.ID, "question")
    box.send_keys("첫 줄", Keys.SHIFT + Keys.ENTER, "둘째 줄")
    assert box.get_attribute("value") == "첫 줄\n둘째 줄" and not replies(page)
    box.clear()
    # Hold the next request until the test lets it go, to see the page while it waits.
    page.execute_script("""const real = window.fetch; let release;
        window.__held = new Promise((resolve) => { release = resolve; }); window.__release = release;
        window.fetch = async (...args) => { await window.__held; return real(...args); };""")
    box.send_keys(BUDGET_QUESTION, Keys.ENTER)
    assert form_busy(page) == "true" and not box.is_enabled()
    assert page.find_element(By.ID, "send").text == "답변 중…" and page.find_element(By.ID, "status").text
    page.execute_script("window.__release()")
    assert BUDGET in wait_for_reply(page, 0).text and box.is_enabled()
    page.execute_script("document.getElementById('question').value = '가'.repeat(1001)")  # past maxlength
    box.send_keys(Keys.ENTER)
    error = wait_for_reply(page, 1)
    assert "error" in error.get_attribute("class").split() and "질문이 너무 깁니다" in error.text


def test_copy_feedback_and_new_conversation(page: WebDriver, server: str) -> None:
    page.execute_script("navigator.clipboard.writeText = async (text) => { window.__copied = text; };")
    answer = ask(page, BUDGET_QUESTION)
    answer.find_element(By.CSS_SELECTOR, ".copy").click()
    wait(page).until(lambda d: d.execute_script("return window.__copied"))
    copied = page.execute_script("return window.__copied")
    assert BUDGET in copied and "[출처: Ⅳ-3-① 사업개요]" in copied and not re.search(r"\[\d+\]", copied)
    answer.find_element(By.CSS_SELECTOR, ".rate-down").click()
    answer.find_element(By.CSS_SELECTOR, ".feedback-comment").send_keys("출처가 너무 많아요")
    answer.find_element(By.CSS_SELECTOR, ".feedback-send").click()
    wait(page).until(lambda d: "저장" in answer.find_element(By.CSS_SELECTOR, ".feedback-status").text)
    rows = get_json(f"{server}/api/feedback?format=json", {"X-API-Key": ADMIN_KEY})  # the export is an admin's
    stored = [row for row in rows if row["comment"] == "출처가 너무 많아요"]
    assert stored and stored[-1]["rating"] == "down" and stored[-1]["question"] == BUDGET_QUESTION
    assert "IV.3.1.b1" in stored[-1]["refs"]
    page.find_element(By.ID, "new-chat").click()
    assert not replies(page) and page.find_element(By.CSS_SELECTOR, "#conversation .welcome").is_displayed()


def test_outline_opens_a_section_and_starts_a_question_about_it(page: WebDriver) -> None:
    if page.find_element(By.ID, "outline-button").is_displayed():
        page.find_element(By.ID, "outline-button").click()
    panel = panel_titled(page, "보고서 목차")
    for ref in ("IV", "IV.3"):
        panel.find_element(By.XPATH, f"//button[@data-ref='{ref}']/parent::details/summary").click()
    panel.find_element(By.CSS_SELECTOR, "button.outline-link[data-ref='IV.3.1']").click()
    panel = panel_titled(page, "섹션 원문")
    assert "청년취업사관학교 조성·운영" in breadcrumb(panel)[-1] and BUDGET in panel.text
    panel.find_element(By.CSS_SELECTOR, ".ask-about").click()
    close_sheet(page)
    box = page.find_element(By.ID, "question")
    assert box.get_attribute("value").startswith("청년취업사관학교 조성·운영")
    box.send_keys("'23년 예산은?", Keys.ENTER)
    assert BUDGET in wait_for_reply(page, 0).text


def test_a_question_link_is_asked_on_arrival(page: WebDriver, server: str) -> None:
    """Messenger answers link to /?q=<question>; the page asks it and drops it from the address."""
    page.get(f"{server}/?q={quote(BUDGET_QUESTION)}")
    assert BUDGET in wait_for_reply(page, 0).text
    assert page.execute_script("return window.location.search") == ""
