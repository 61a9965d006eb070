"""Take the README's picture of the plan page from a running Én plan with the demo data.

    make run                                  # in another terminal
    .venv/bin/python scripts/readme_screenshot.py [http://127.0.0.1:8000]

Writes docs/images/plan-page.png: the household plan as its coordinator sees it on a
1280 px screen, from the summary down to the goals. Uses Debian's Chromium, like the
browser tests.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "images" / "plan-page.png"

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
    )
    page = browser.new_page(
        locale="da-DK", timezone_id="Europe/Copenhagen", viewport={"width": 1280, "height": 900}
    )
    page.goto(f"{BASE}/login/")
    page.get_by_label("Brugernavn").fill("koordinator")
    page.get_by_label("Adgangskode").fill("enplan-demo")
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Familien Bak").click()
    page.get_by_role("heading", level=1, name="Familien Bak").wait_for()
    bottom = page.locator("#goals").evaluate("e => e.getBoundingClientRect().bottom + scrollY")
    page.screenshot(
        path=OUT, full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": bottom + 24}
    )
    browser.close()
print(OUT)
