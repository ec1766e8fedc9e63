"""The web page in headless Chromium (Debian `chromium` + `chromium-driver`, driven by selenium):
search a state, see both charts drawn, the evidence listed, hostile labels shown as text; a screenshot
goes to tests/artifacts/."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_server import RunningServer, build_store

CHROMIUM, CHROMEDRIVER = shutil.which("chromium") or "/usr/bin/chromium", shutil.which("chromedriver") or \
    "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).parent / "artifacts"
pytestmark = pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
                                reason="needs Debian packages chromium and chromium-driver (.ci/run installs them)")

# pixels of a canvas that are not transparent: a drawn chart has thousands
PAINTED = """const c = document.getElementById(arguments[0]); const d = c.getContext('2d')
  .getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n;"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1500",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = RunningServer(build_store(tmp_path_factory.mktemp("browser") / "store"), max_rows=10_000)
    yield s
    s.stop()


def test_search_a_state_draws_both_charts_and_lists_evidence(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url + "/")
    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#state-list option"))  # states loaded from /sparql
    box = browser.find_element(By.ID, "state-input")
    box.clear()
    box.send_keys("Uzbekistan")
    browser.find_element(By.CSS_SELECTOR, "#state-form button").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#events li"))

    points = browser.execute_script("return Chart.getChart('timeline-chart').data.datasets"
                                    ".reduce((n, d) => n + d.data.length, 0)")
    lines = browser.execute_script("return Chart.getChart('alignment-chart').data.datasets.length")
    assert points >= 2 and lines >= 1
    assert browser.execute_script(PAINTED, "timeline-chart") > 1000
    assert browser.execute_script(PAINTED, "alignment-chart") > 1000

    # each event links to its evidence and its source article; local IRIs stay on this server
    first = browser.find_element(By.CSS_SELECTOR, "#events li")
    hrefs = [a.get_attribute("href") for a in first.find_elements(By.TAG_NAME, "a")]
    assert any("/id/evidence/" in h for h in hrefs) and any(h.startswith(server.url + "/id/") for h in hrefs)
    sources = browser.find_elements(By.CSS_SELECTOR, "#events li a.source")
    assert "https://news.example/d1" in [a.get_attribute("href") for a in sources]

    # a document whose front matter says url: "javascript:alert(5)" gets no link: only http(s) and own paths do
    hrefs = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#events a, #alignments a")]
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
    assert "source: evil.txt" in browser.find_element(By.ID, "events").text

    # markup in labels and sentences is shown as text, never run
    text = browser.find_element(By.ID, "events").text
    assert "<script>window.kgPwned=1</script>" in text
    assert browser.execute_script("return window.kgPwned") is None

    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "web-state.png"))


def test_sparql_editor_offers_the_stored_queries(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get(server.url + "/#sparql")
    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#examples option")) > 5)
    Select(browser.find_element(By.ID, "examples")).select_by_value("alignmentTrend")
    query = browser.execute_script("return window.kgYasgui.getTab().getQuery()")
    assert "SUM(?weight)" in query and "<https://example.org/id/state/UZB>" in query  # bound to the default, Q265
    browser.execute_script("window.kgYasgui.getTab().query()")
    wait.until(lambda d: "Russia" in d.find_element(By.ID, "yasgui").text)
    browser.save_screenshot(str(ARTIFACTS / "web-sparql.png"))
