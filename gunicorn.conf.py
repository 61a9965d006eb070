"""gunicorn's configuration for Én plan (`make serve`, or `gunicorn -c gunicorn.conf.py`).

Every value can be set from the environment, so one file serves a laptop and a server.
See docs/serving.md (running it) and docs/benchmarks.md (what it sustains on 2 cores).
"""

import multiprocessing
import os

wsgi_app = "enplan.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# A page is mostly Python (templates, ORM) with short waits on PostgreSQL in between: one
# process per core plus one keeps the cores busy while another waits, and a few threads per
# process cover the database and network waits without the memory of more processes.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request that has not finished in 30 s is stuck, not slow (exports and scoring run on the
# task queue); the worker is replaced. Restarting each worker now and then caps the effect
# of a slow leak, with jitter so that the workers do not restart together.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Seconds an idle keep-alive connection stays open. Longer than the idle timeout of what
# sits in front (a load balancer's is typically 60 s, a browser's longer): when the server
# closes a connection at the moment the client reuses it, the request is lost. At 5 s,
# users who click every 5-15 s hit that race (2 of 3,500 requests in the load test).
# gthread keeps idle connections in its poller, not in a thread.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# The application is loaded, and warmed up (`enplan.core.warmup`: views, templates,
# translations), once in the master process; each worker, the replacements too, starts as
# a copy of it, ready at once and sharing its memory. It opens no database connection
# there. New code then needs a restart of the service, not a HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"

# Behind a reverse proxy (nginx, the load balancer) that terminates TLS on the same host.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# The access log leaves out the query string: the caseload's search (a name or a CPR
# number) travels in it. Paths hold plan ids only. Off unless GUNICORN_ACCESS_LOG names a
# file (or "-" for standard output).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
