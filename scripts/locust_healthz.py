"""The trivial view as fast as it can be asked (scripts/load_test.py): what the same
server and machine sustain when a request does almost nothing."""

from locust import HttpUser, constant, task


class Probe(HttpUser):
    wait_time = constant(0)

    @task
    def healthz(self):
        self.client.get("/healthz", name="/healthz")
