"""The simulated users of `scripts/load_test.py` (locust).

A caseworker, with a session made for the run, about every 10 s does what a busy day holds:
opens Mine borgere, one of their plans, its network map or a meeting, and now and then
writes a log entry (a real form post, with its CSRF and one-time form tokens). A citizen
opens Min plan with a session made for the run. Who they are comes from the file named by
ENPLAN_LOAD_USERS, which load_test.py writes.
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

with open(os.environ["ENPLAN_LOAD_USERS"], encoding="utf-8") as people:
    PEOPLE = json.load(people)
_caseworkers = itertools.cycle(PEOPLE["caseworkers"])
_citizens = itertools.cycle(PEOPLE["citizens"])

# Seconds between one user's requests, "low,high" (ENPLAN_LOAD_WAIT); "0,0" asks as fast as
# the server answers, to find what it sustains.
WAIT = [float(x) for x in os.environ.get("ENPLAN_LOAD_WAIT", "5,15").split(",")]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


class Caseworker(HttpUser):
    weight = 9
    wait_time = between(*WAIT)

    def on_start(self):
        self.person = next(_caseworkers)
        self.client.cookies.set("sessionid", self.person["session"])

    def page(self, url, name):
        """A GET that fails unless it is the page itself (not the login, not an error)."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200 or "/login" in response.url:
                response.failure(f"{response.status_code} at {response.url}")
        return response

    def plan(self):
        return random.choice(self.person["plans"])

    @task(3)
    def caseload(self):
        self.page("/plans/", "caseload")

    @task(3)
    def plan_page(self):
        self.page(f"/plans/{self.plan()['id']}/", "plan page")

    @task(1)
    def network_map(self):
        self.page(f"/plans/{self.plan()['id']}/organisation/", "network map")

    @task(1)
    def meeting_page(self):
        self.page(f"/meetings/{self.plan()['meeting']}/", "meeting page")

    @task(1)
    def write_log_entry(self):
        url = f"/plans/{self.plan()['id']}/log/new/"
        form = self.page(url, "log entry form")
        csrf, token = CSRF.search(form.text), FORM_TOKEN.search(form.text)
        if csrf is None or token is None:
            return  # the form failed, and was counted as failed
        with self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": csrf.group(1),
                "form_token": token.group(1),
                "kind": "note",
                "occurred_on": PEOPLE["today"],
                "text": "Talt med borgeren om næste skridt.",
            },
            headers={"Referer": f"{self.host}{url}"},
            name="log entry (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # Saved, the form answers with a redirect to the plan; a 200 is the form again,
            # with an error: a failure for the load test.
            if response.status_code != 302:
                response.failure(f"log entry not saved: {response.status_code}")


class Citizen(HttpUser):
    weight = 1
    wait_time = between(*WAIT)

    def on_start(self):
        self.client.cookies.set("sessionid", next(_citizens))

    @task
    def min_plan(self):
        with self.client.get("/borger/", name="Min plan", catch_response=True) as response:
            if "/login" in response.url:
                response.failure("the citizen was not logged in")
