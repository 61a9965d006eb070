"""How long the plan's pages are in a browser: document.body.scrollHeight at 1280×800.

Logs in as a demo user on a running server (`make run`), opens every plan in the user's
caseload, the plan's first page and each of its section pages, and prints the heights.

    .venv/bin/python scripts/measure_plan_heights.py --base-url http://127.0.0.1:8000

Not part of the test suite; the figures are in docs/benchmarks.md.
"""

import argparse
import re
import statistics

from playwright.sync_api import sync_playwright


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--username", default="koordinator")
    parser.add_argument("--password", default="enplan-demo")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{args.base_url}/login/")
        page.fill("input[name=username]", args.username)
        page.fill("input[name=password]", args.password)
        page.click("form [type=submit]")
        page.goto(f"{args.base_url}/plans/")
        hrefs = page.eval_on_selector_all(
            "table a[href^='/plans/']", "links => links.map(a => a.getAttribute('href'))"
        )
        plans = sorted({h for h in hrefs if re.fullmatch(r"/plans/\d+/", h)})
        heights: dict[str, list[int]] = {}
        for plan in plans:
            page.goto(args.base_url + plan)
            heights.setdefault("first page", []).append(page.evaluate("document.body.scrollHeight"))
            menu = page.eval_on_selector_all(
                ".plan-nav a", "links => links.map(a => a.getAttribute('href'))"
            )
            for href in menu:
                key = href.removeprefix(plan).strip("/").split("#")[0]
                if not key or not re.fullmatch(r"[a-z-]+", key):
                    continue
                page.goto(args.base_url + href)
                heights.setdefault(key, []).append(page.evaluate("document.body.scrollHeight"))
        browser.close()
    print(f"{len(plans)} plans, viewport 1280×800, document.body.scrollHeight in px")
    print("| page | min | median | max | screens (median/800) |")
    print("|---|---|---|---|---|")
    for key, values in heights.items():
        median = statistics.median(values)
        print(f"| {key} | {min(values)} | {median:.0f} | {max(values)} | {median / 800:.1f} |")


if __name__ == "__main__":
    main()
