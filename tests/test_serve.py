"""`tipfacts serve` in a real browser: headless Chromium goes from a fact to its sentence and its source.

Starts `tipfacts serve --out-dir <a seed build> --port <free port>`, drives Debian's chromium through
/usr/bin/chromedriver with selenium (selenium-manager never runs: the driver and browser paths are
given and SE_OFFLINE is set), opens a flow's page, follows the link to its sentence and checks the
evidence is on that page. Screenshots land in build/screenshots/ of the checkout (fact.png,
sentence.png; the path is printed). Without chromium the test is skipped on a workstation and fails
under CI (CI=true): .ci/run installs it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from conftest import BIN, PROJECT, build_into, seed_corpus

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SCREENSHOTS = PROJECT / "build" / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1400",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert process.poll() is None, f"tipfacts serve exited: {process.communicate()[1]}"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        assert time.monotonic() < deadline, f"{url} did not answer within {timeout}s"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The seed's outputs behind `tipfacts serve` on a free port: (base URL, output folder)."""
    root = tmp_path_factory.mktemp("serve")
    out = build_into(seed_corpus(root / "raw"), root / "out")
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "tipfacts"), "serve", "--out-dir", str(out), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/-/versions.json", process)
        yield base, out
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        message = f"needs {CHROMIUM} and {CHROMEDRIVER} (Debian packages chromium, chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message + "; .ci/run installs them")
        pytest.skip(message)
    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium-manager must not fetch anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def test_serve_defaults_to_this_machine_read_only_with_a_time_limit(served: tuple[str, Path]) -> None:
    base, _ = served
    with urllib.request.urlopen(f"{base}/-/settings.json") as response:
        settings = json.load(response)
    with urllib.request.urlopen(f"{base}/-/databases.json") as response:
        (database,) = json.load(response)
    assert settings["sql_time_limit_ms"] > 0
    assert database["name"] == "tipfacts" and database["is_mutable"] is False
    with urllib.request.urlopen(f"{base}/-/metadata.json") as response:
        metadata = json.load(response)
    flows = metadata["databases"]["tipfacts"]["tables"]["flows"]
    assert {"origin_iso3", "destination_iso3", "exploitation", "year"} <= set(flows["facets"])
    assert flows["columns"]["evidence"]  # column descriptions from the Pandera schema
    assert metadata["license"] == "CC-BY-SA-4.0"
    queries = metadata["databases"]["tipfacts"]["queries"]
    with urllib.request.urlopen(f"{base}/tipfacts/flows_into_a_country.json?iso3=TLS&_shape=array") as response:
        into = json.load(response)
    assert set(queries) == {"every_fact_about_a_country", "flows_into_a_country"} and into
    assert all(row["fact_id"].startswith("flw-") for row in into)


def test_a_fact_links_to_its_sentence_and_source_in_a_real_browser(served: tuple[str, Path], browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    base, out = served
    flows = pd.read_parquet(out / "flows.parquet")
    documents = pd.read_parquet(out / "documents.parquet").set_index("doc_id")
    fact = flows.sort_values("fact_id").iloc[0]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    browser.get(f"{base}/tipfacts/flows/{fact.fact_id}")
    assert fact.fact_id in browser.title or fact.fact_id in browser.page_source
    source = browser.find_element(By.CSS_SELECTOR, "td.col-doc_id a.source-url")
    assert source.get_attribute("href") == documents.loc[fact.doc_id, "url"]
    browser.save_screenshot(str(SCREENSHOTS / "fact.png"))

    browser.find_element(By.CSS_SELECTOR, "td.col-sentence_id a").click()
    WebDriverWait(browser, 30).until(expected_conditions.url_contains("/tipfacts/sentences/"))
    text = browser.find_element(By.CSS_SELECTOR, "td.col-text").text
    assert fact.evidence in text
    assert browser.find_element(By.CSS_SELECTOR, "td.col-sentence_id").text == fact.sentence_id
    browser.save_screenshot(str(SCREENSHOTS / "sentence.png"))
    print(f"screenshots: {SCREENSHOTS / 'fact.png'} and {SCREENSHOTS / 'sentence.png'}")
