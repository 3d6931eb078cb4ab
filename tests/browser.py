"""Headless Chromium (Debian's chromium and chromium-driver) driven with
Selenium, for the site's tests and `make screenshots`: the console's
messages and the URL of every request each page makes are recorded."""
from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Without the background-networking flags Chromium reaches for Google's
# hosts at start; a fresh profile keeps runs independent.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1280,900")


def missing() -> str:
    """Why the browser cannot run here, or '' when it can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            return f"{path} is not installed (apt-get install chromium chromium-driver; .ci/run does)"
    return ""


@dataclass
class Visit:
    url: str
    console: list[str] = field(default_factory=list)  # SEVERE and WARNING messages
    requests: list[str] = field(default_factory=list)
    facts: object = None  # what the page script returned


class Chromium:
    def __init__(self, javascript: bool = True):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="lkg-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS + (f"--user-data-dir={self.profile}",):
            options.add_argument(flag)
        if not javascript:
            options.add_argument("--blink-settings=scriptEnabled=false")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        self.drain()  # the start page's own requests are not the site's

    def drain(self) -> tuple[list[str], list[str]]:
        console = [f"{e['level']}: {e['message']}" for e in self.driver.get_log("browser")
                   if e["level"] in ("SEVERE", "WARNING")]
        requests = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                requests.append(message["params"]["request"]["url"])
        return console, requests

    def visit(self, url: str, script: str | None = None) -> Visit:
        """Load a page, run `script` in it (if given), and collect what the
        page logged and requested while loading."""
        self.driver.get(url)
        facts = self.driver.execute_script(script) if script else None
        console, requests = self.drain()
        return Visit(url, console, requests, facts)

    def screenshot(self, url: str, path: Path, wait_for: str | None = None, height: int = 1400) -> None:
        """`wait_for`: text the page shows once drawn (the query page's answer)."""
        self.driver.set_window_size(1280, height)
        self.driver.get(url)
        if wait_for:
            import time

            deadline = time.monotonic() + 120
            while wait_for not in self.driver.find_element("tag name", "body").text and time.monotonic() < deadline:
                time.sleep(0.5)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
