"""Settings for Én plan.

Everything that differs between a laptop and production comes from environment variables,
with defaults that are safe for development: SQLite beside the project, console e-mail,
and a development secret key that is refused when DEBUG is off.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG")

# Marks a production deployment explicitly; development-only features (demo logins, the
# development secret key) refuse to run when it is set, even if DEBUG were left on by mistake.
PRODUCTION = env_flag("ENPLAN_PRODUCTION")
if PRODUCTION and DEBUG:
    # Debug pages show tracebacks, settings and every URL to anyone who reaches an error.
    raise ImproperlyConfigured(
        "DEBUG is on in production (ENPLAN_PRODUCTION=1). Unset DEBUG or set DEBUG=0: "
        "debug pages would show tracebacks, settings and personal data to anyone."
    )

DEVELOPMENT_SECRET_KEY = "enplan-development-only-not-secret"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if PRODUCTION and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "oauth2_provider",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_prometheus",
    # Order matters for the demo data: each app's demo builds on the ones before it.
    "enplan.core",
    "enplan.organisation",
    "enplan.plans",
    "enplan.network",
    "enplan.meetings",
    "enplan.reminders",
    "enplan.citizen",
    "enplan.coordination",
    "enplan.targeting",
    "enplan.progress",
    "enplan.api",
    # Last: its demo gives the demo's administrators and key holder their second factor.
    "enplan.mfa",
]
# Single sign-on: staff through KOMBIT or Entra ID, citizens through NemLog-in
# (docs/staff-login.md).
INSTALLED_APPS += ["enplan.sso"]

MIDDLEWARE = [
    # First and last: the request latency per view for Prometheus (docs/operations.md).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "enplan.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, so static files keep their long caching; every other response may
    # hold personal data and is never stored (docs/security.md).
    "enplan.core.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "enplan.core.middleware.DanishFirstLocaleMiddleware",
    "enplan.api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "enplan.mfa.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The evaluation turned towards the citizen keeps the rest of the product away.
    "enplan.meetings.focus.FocusedEvaluationMiddleware",
    "enplan.core.sessions.IdleSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Near the end, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
# Single sign-on: the SAML requests in flight live in a cookie of their own with
# SameSite=None, since the identity provider posts its response from its own site.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "djangosaml2.middleware.SamlSessionMiddleware",
)
SAML_SESSION_COOKIE_NAME = "enplan_saml"
SAML_SESSION_COOKIE_SAMESITE = "None"
ENPLAN_XMLSEC_BINARY = os.environ.get("ENPLAN_XMLSEC_BINARY", "/usr/bin/xmlsec1")
# Seconds of clock difference tolerated with a municipality's identity provider.
ENPLAN_SAML_CLOCK_SKEW = int(os.environ.get("ENPLAN_SAML_CLOCK_SKEW", "60"))

ROOT_URLCONF = "enplan.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The project's own overrides of other packages' templates (the administration's
        # header links); the apps' templates are found in the apps.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "enplan.plans.context_processors.notifications",
                "enplan.core.context_processors.session_clock",
            ],
        },
    },
]

WSGI_APPLICATION = "enplan.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{PROJECT_DIR / 'enplan.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A new PostgreSQL connection per request costs more than a plain page (a trivial view
    # serves 3-4.5x less without it): keep each worker thread's connection for a minute,
    # and check it before reuse so a restarted database costs one retry, not an error page.
    # CONN_MAX_AGE=0 turns it off (e.g. behind PgBouncer in transaction mode).
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's JIT compiler pays off for long analytical queries, not for the short
    # queries of a web page, where compiling costs more than it saves (measured: ~0.5 s
    # of JIT on a 20,000-plan caseload). Reports that want it can turn it on per session.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at the start of a transaction, so two concurrent
    # saves queue up instead of one failing half-way; WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every password login of a locked-out username and address.
    "axes.backends.AxesStandaloneBackend",
    # Username and password for staff; never for a citizen, who logs in with MitID.
    "enplan.core.backends.StaffBackend",
    "enplan.citizen.mitid.MitIDBackend",
]
# Single sign-on: brings back a session begun through a municipality's identity provider.
AUTHENTICATION_BACKENDS += ["enplan.sso.backends.SSOBackend"]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password logins are throttled by django-axes (enplan/core/lockout.py, docs/security.md):
# five failures for one username from one address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("ENPLAN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ENPLAN_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "enplan.core.lockout.lockout_page"
AXES_CLIENT_IP_CALLABLE = "enplan.core.access.client_address"
AXES_WHITELIST_CALLABLE = "enplan.core.lockout.is_not_a_password_login"
AXES_CLIENT_STR_CALLABLE = "enplan.core.lockout.client_description"
# Successful logins are in the audit trail; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
# A session also ends after this long without use, with a warning a minute before
# (enplan/core/sessions.py): a plan left open on a shared computer closes itself.
ENPLAN_IDLE_SECONDS_STAFF = int(os.environ.get("ENPLAN_IDLE_MINUTES_STAFF", "30")) * 60
ENPLAN_IDLE_SECONDS_CITIZEN = int(os.environ.get("ENPLAN_IDLE_MINUTES_CITIZEN", "15")) * 60
ENPLAN_IDLE_WARNING_SECONDS = 60
# The last use is written to the session at most this often (and the server allows as
# much slack), so that not every page writes the session.
ENPLAN_IDLE_RECORD_EVERY = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and env_flag("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
# Whether the municipality's domain goes on the browsers' HSTS preload list is decided by
# whoever owns the domain, not by one product on it: off unless asked for.
SECURE_HSTS_PRELOAD = PRODUCTION and env_flag("ENPLAN_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "enplan.core.views.csrf_failure"
# The Content Security Policy (django-csp): scripts and styles only from Én plan's own
# static files, scripts also with the page's nonce; no inline style attributes, no
# framing, no plugins. A page that needs more says so in docs/security.md.
CONTENT_SECURITY_POLICY: dict[str, dict[str, Any]] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Logging out is a form post that the browser follows on to the identity provider
        # (MitID broker, NemLog-in, the municipality's own, set in the administration),
        # so a form may lead to Én plan itself or to any https address.
        "form-action": [SELF, "https:"],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Browser features no page of Én plan uses, switched off for every page.
ENPLAN_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), "
    "interest-cohort=(), browsing-topics=()"
)

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Numbers are grouped only where a template asks for it (|floatformat:"0g" for money):
# grouping everywhere would also turn ids in HTML attributes and forms into "1.948".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
STORAGES: dict[str, dict] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production serves hashed, compressed files collected by `collectstatic`; elsewhere
    # WhiteNoise serves straight from the apps' static folders.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", PROJECT_DIR / "media"))

# Background work (reminders, heavy exports, imports) runs through Django's task pattern,
# stored in the database so that no broker is needed: `python manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Without a configured mail server, e-mails are written one file each to `sent-mail/` in
# the project (ignored by git), where the demo's notices can be read; the console stays
# free for the server's own messages. Production sets EMAIL_BACKEND to its SMTP backend.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(PROJECT_DIR / "sent-mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "enplan@localhost")

# Text messages to citizens go through a gateway backend (core/sms.py, docs/sms.md): the
# console by default, files in `sent-sms/` for the demo, the municipality's provider in
# production.
ENPLAN_SMS_BACKEND = os.environ.get("ENPLAN_SMS_BACKEND", "enplan.core.sms.ConsoleBackend")
ENPLAN_SMS_FILE_PATH = os.environ.get("ENPLAN_SMS_FILE_PATH", str(PROJECT_DIR / "sent-sms"))

# Logs are JSON lines on standard error, one object per line with the request id, for the
# log collector (LOG_FORMAT=text for reading by eye). They never hold personal data: see
# core/observability.py for what is left out and masked.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "enplan.core.observability.RequestIdFilter"},
        "personal_data": {"()": "enplan.core.observability.PersonalDataFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "text" if os.environ.get("LOG_FORMAT") == "text" else "json",
            "filters": ["request_id", "personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # One line per request (method, route, status, time); on in production.
        "enplan.request": {"level": "INFO" if env_flag("LOG_REQUESTS", PRODUCTION) else "WARNING"},
    },
}

# Prometheus scrapes /metrics (django-prometheus: request latency per view, plus the task
# queue's depth and failures). Only from these addresses, or with the bearer token.
ENPLAN_METRICS_ALLOWED_IPS = [
    ip.strip()
    for ip in os.environ.get("ENPLAN_METRICS_ALLOWED_IPS", "127.0.0.1,::1").split(",")
    if ip.strip()
]
ENPLAN_METRICS_TOKEN = os.environ.get("ENPLAN_METRICS_TOKEN", "")
# Error reports go to Sentry only when a DSN is set, without personal data.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "")

# Where Én plan is reached from outside, for links in e-mails.
ENPLAN_BASE_URL = os.environ.get("ENPLAN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# The site's own domain, which makes calendar events' UIDs unique in the world (RFC 5545):
# set it to the municipality's domain for Én plan (e.g. enplan.boegeby.dk). Without it,
# the demo's `enplan.invalid` (a domain that can never exist, RFC 2606) is used, never a
# host and port that another installation also has.
ENPLAN_SITE_DOMAIN = os.environ.get("ENPLAN_SITE_DOMAIN", "enplan.invalid").strip().lower()

# Plans whose review date falls within this many days are flagged on the caseload.
ENPLAN_REVIEW_SOON_DAYS = 14
# How the audit trail names a user's role and organisation (core asks the app that knows).
ENPLAN_AUDIT_DESCRIBE_USER = "enplan.organisation.access.audit_description"
ENPLAN_LOG_PAGE_SIZE = 20
ENPLAN_CASELOAD_PAGE_SIZE = 50
# How many plans a professional may try to create (each a lookup of CPR numbers) in an
# hour, so that Ny plan cannot be used to find out who has a plan (docs/access.md).
ENPLAN_PLAN_LOOKUPS_PER_HOUR = int(os.environ.get("ENPLAN_PLAN_LOOKUPS_PER_HOUR", "30"))

# Meetings. The citizen's one-time evaluation link is reached without logging in, so
# wrong links are limited per client address, and a valid link per link, as (tries,
# seconds); a valid link is never held back by others' guesses (meetings/public_access.py).
ENPLAN_PUBLIC_GUESSES = (5, 5 * 60)
ENPLAN_PUBLIC_LINK_REQUESTS = (30, 10 * 60)
# Behind a reverse proxy, the META key holding the client's address, e.g. HTTP_X_REAL_IP
# (of a list such as HTTP_X_FORWARDED_FOR, the last entry: the one the proxy added).
ENPLAN_CLIENT_IP_HEADER = os.environ.get("ENPLAN_CLIENT_IP_HEADER", "")
# A held meeting without the citizen's evaluation or a learning recap is followed up after
# this many days (local calendar days).
ENPLAN_MEETING_FOLLOWUP_DAYS = 3
# The daily summary of notices goes out with the first reminder scan from this local hour.
ENPLAN_DIGEST_HOUR = int(os.environ.get("ENPLAN_DIGEST_HOUR", "7"))
# The citizen's side: MitID through an OpenID Connect broker (docs/citizen-login.md).
# The broker's endpoints are read from its discovery document at the issuer.
ENPLAN_MITID_ISSUER = os.environ.get("ENPLAN_MITID_ISSUER", "").rstrip("/")
ENPLAN_MITID_CPR_CLAIM = os.environ.get("ENPLAN_MITID_CPR_CLAIM", "dk.cpr")
OIDC_RP_CLIENT_ID = os.environ.get("ENPLAN_MITID_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("ENPLAN_MITID_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("ENPLAN_MITID_SCOPES", "openid mitid ssn")
OIDC_RP_SIGN_ALGO = os.environ.get("ENPLAN_MITID_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
# The ID token is kept in the session as the hint for logging out at the broker.
OIDC_STORE_ID_TOKEN = True
# Seconds of clock difference tolerated between the broker and Én plan on the ID token's
# times (expiry, issued at).
ENPLAN_MITID_CLOCK_SKEW = int(os.environ.get("ENPLAN_MITID_CLOCK_SKEW", "30"))
# The claim with the login's NSIS level; a login below Substantial (Betydelig) is refused.
# Empty: the broker is trusted to enforce the level (set it up to do so).
ENPLAN_MITID_LOA_CLAIM = os.environ.get("ENPLAN_MITID_LOA_CLAIM", "loa")
# Sent as acr_values to ask the broker for a level, for brokers that take one.
ENPLAN_MITID_ACR_VALUES = os.environ.get("ENPLAN_MITID_ACR_VALUES", "")
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATE_CLASS = "enplan.citizen.mitid.MitIDLoginView"
OIDC_CALLBACK_CLASS = "enplan.citizen.mitid.MitIDCallbackView"
OIDC_AUTHENTICATION_CALLBACK_URL = "citizen:mitid_callback"
# Test-MitID lets anyone pick a demo citizen and log in as them: development only. It is on
# with DEBUG unless switched off, and the settings refuse to load if it is asked for in
# production.
ENPLAN_TEST_MITID = env_flag("ENPLAN_TEST_MITID", DEBUG)
if ENPLAN_TEST_MITID and (PRODUCTION or not DEBUG):
    raise ImproperlyConfigured("Test-MitID is for development only: DEBUG on, not in production.")
# A young person gets their own login to their own part of a household plan from this age.
ENPLAN_CITIZEN_OWN_LOGIN_AGE = 15
# How far back the citizen's own log (Min log) goes.
ENPLAN_CITIZEN_LOG_DAYS = 2 * 365
# Relational coordination: the fewest respondents behind any figure shown (never below 3).
ENPLAN_RC_MIN_RESPONDENTS = 3
# A plan annulled as created by mistake is kept as long as the citizen's own log goes
# back (who looked at it, and why it was annulled, must stay answerable), then deleted by
# `delete_annulled_plans`. docs/citizen.md.
ENPLAN_ANNULLED_PLAN_KEEP_DAYS = int(
    os.environ.get("ENPLAN_ANNULLED_PLAN_KEEP_DAYS", str(ENPLAN_CITIZEN_LOG_DAYS))
)
# Finding the citizens (enplan.targeting): screening rounds and the point system.
# Extracts and scores of a closed round are deleted this many days after closing, by
# default; each round can set its own.
ENPLAN_TARGETING_DELETE_AFTER_DAYS = int(os.environ.get("ENPLAN_TARGETING_DELETE_AFTER_DAYS", "30"))
# DuckDB's limits while checking and scoring extracts.
ENPLAN_TARGETING_THREADS = int(os.environ.get("ENPLAN_TARGETING_THREADS", "0")) or None
ENPLAN_TARGETING_MEMORY_LIMIT = os.environ.get("ENPLAN_TARGETING_MEMORY_LIMIT", "1GB")
# The largest extract a department can upload through the page.
ENPLAN_TARGETING_MAX_UPLOAD_MB = 200
# Progression and the steering dashboard: any figure computed from fewer citizens (or
# plans) than this is shown as "<5" on the page and in every export.
ENPLAN_SMALL_GROUP_LIMIT = 5
# Memory for the sorts of one steering query on PostgreSQL (SET LOCAL work_mem).
ENPLAN_STEERING_WORK_MEM = os.environ.get("ENPLAN_STEERING_WORK_MEM", "64MB")
# The steering figures are kept once computed and computed again after this hour each
# night, local time (progress/kept.py; run `keep_steering_figures` from cron just after).
ENPLAN_STEERING_REFRESH_HOUR = int(os.environ.get("ENPLAN_STEERING_REFRESH_HOUR", "2"))
# Figures nobody has looked at that day are computed on the task queue, not in the page's
# request, in a municipality with at least this many plans (about 0.4 s of computing at
# 10,000 plans, 2.5-5 s at 100,000 by the machine; benchmarks.md). The page says they are
# on the way (docs/progress.md).
ENPLAN_STEERING_QUEUE_FROM_PLANS = int(os.environ.get("ENPLAN_STEERING_QUEUE_FROM_PLANS", "10000"))
# A computation asked for this many seconds ago and not done is taken as lost (a worker
# stopped in the middle) and asked for again at the next look.
ENPLAN_STEERING_QUEUE_TIMEOUT = int(os.environ.get("ENPLAN_STEERING_QUEUE_TIMEOUT", "600"))

# The API for the departments' own systems (docs/api.md). Each system gets an OAuth 2.0
# client (client credentials) in the administration; its access tokens live an hour.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "SCOPES": {
        "read": "Read the plans the department may see",
        "interventions:write": "Register and change the department's efforts",
        "log:write": "Write in the relay log",
    },
    "DEFAULT_SCOPES": ["read"],
    "SCOPES_BACKEND_CLASS": "enplan.api.scopes.SystemScopes",
    "OAUTH2_VALIDATOR_CLASS": "enplan.api.oauth.SystemValidator",
    "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("ENPLAN_API_TOKEN_SECONDS", "3600")),
    # The OAuth 2.0 Security BCP (RFC 9700) throughout: only the grants the API uses, S256
    # PKCE, tokens never in a URL and stored hashed, refresh tokens that revoke their
    # family when replayed, https redirect URIs only.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
# The per-system rate limits are counted in the cache: with several app servers, point it
# at a shared cache (ENPLAN_CACHE_BACKEND and ENPLAN_CACHE_LOCATION, e.g. Redis).
CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "ENPLAN_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": os.environ.get("ENPLAN_CACHE_LOCATION", "enplan"),
    }
}

# The audit trail (core/auditchain.py, docs/operations.md). Events are chained with an
# HMAC under this key, kept outside the database so that nobody who can only change the
# database can rewrite the trail unnoticed. Set it in production and never change it: a
# new key makes every existing event fail `audit_verify`. Without it, it is derived from
# SECRET_KEY.
ENPLAN_AUDIT_CHAIN_KEY = os.environ.get("ENPLAN_AUDIT_CHAIN_KEY") or (
    "enplan-audit-chain:" + SECRET_KEY
)
# How long audit events are kept (`audit_prune`). Danish data processing agreements ask
# for at least six months; five years by default.
ENPLAN_AUDIT_RETENTION_DAYS = int(os.environ.get("ENPLAN_AUDIT_RETENTION_DAYS", str(5 * 365)))
if ENPLAN_AUDIT_RETENTION_DAYS < 183:
    raise ImproperlyConfigured("ENPLAN_AUDIT_RETENTION_DAYS must be at least 183 (six months).")
# The second factor of a local account (docs/staff-login.md, "Totrinsbekræftelse"): an
# authenticator app (TOTP), a passkey (WebAuthn) and recovery codes, through django-otp.
# It is asked of every login except those made through an identity provider named here,
# which checks its own second factor (MitID; the municipality's SSO): a login through any
# other backend, the password's among them, is asked for it.
ENPLAN_SECOND_FACTOR_EXEMPT_BACKENDS = [
    "enplan.citizen.mitid.MitIDBackend",
    # KOMBIT, Entra ID and NemLog-in ask for their own second factor (docs/staff-login.md).
    "enplan.sso.backends.SSOBackend",
]
# Required of administrators and the key holder always; with this, of all local staff.
ENPLAN_SECOND_FACTOR_FOR_ALL_STAFF = env_flag("ENPLAN_SECOND_FACTOR_FOR_ALL_STAFF")
OTP_TOTP_ISSUER = os.environ.get("ENPLAN_OTP_ISSUER", "Én plan")
# Wrong codes double the wait before the next try: 1, 2, 4 … seconds (django-otp's own
# throttling, per device).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Passkeys: the relying party is the host Én plan is reached at, unless set (it must then
# be that host or a parent domain of it); the origins allowed are that address.
# Browsers make passkeys for a domain name only: in development use http://localhost:8000,
# not 127.0.0.1.
OTP_WEBAUTHN_RP_NAME = "Én plan"
OTP_WEBAUTHN_HELPER_CLASS = "enplan.mfa.passkeys.PasskeyHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "enplan.mfa.passkeys.relying_party_id"
ENPLAN_PASSKEY_RP_ID = os.environ.get("ENPLAN_PASSKEY_RP_ID", "")
# The allowed origin is the address the request came to (checked against ALLOWED_HOSTS),
# worked out by PasskeyHelper per request, so the package's fixed list stays empty.
SILENCED_SYSTEM_CHECKS += ["otp_webauthn.E030"]
# A passkey is a second factor after the password, never a login without it.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# A read replica for the steering figures and exports (docs/scaling.md): off unless set.
# Access decisions are never read from it (core/db_router.py).
if os.environ.get("ENPLAN_READ_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["ENPLAN_READ_REPLICA_URL"],
        conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 0),
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["enplan.core.db_router.ReplicaRouter"]

# Uploaded files: the local disk (MEDIA_ROOT) by default; with several app servers, object
# storage through django-storages (ENPLAN_STORAGE=s3 and the AWS_* settings it reads, e.g.
# AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL for an S3-compatible store in Denmark).
if os.environ.get("ENPLAN_STORAGE") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
