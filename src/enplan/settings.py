"""Settings for Én plan.

Everything that differs between a laptop and production comes from environment variables,
with defaults that are safe for development: SQLite beside the project, console e-mail,
and a development secret key that is refused when DEBUG is off.
"""

import os
from pathlib import Path

import dj_database_url
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
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
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "enplan.core.middleware.DanishFirstLocaleMiddleware",
    "enplan.api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "enplan.mfa.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and env_flag("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

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
STORAGES = {
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

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

# Meetings. The citizen's one-time evaluation link is reached without logging in, so it is
# rate-limited per client address: (requests, seconds).
ENPLAN_PUBLIC_REQUESTS = (30, 10 * 60)
ENPLAN_PUBLIC_FAILURES = (10, 60 * 60)
# Behind a reverse proxy, the META key holding the client's address, e.g. HTTP_X_REAL_IP
# (of a list such as HTTP_X_FORWARDED_FOR, the last entry: the one the proxy added).
ENPLAN_CLIENT_IP_HEADER = os.environ.get("ENPLAN_CLIENT_IP_HEADER", "")
# A held meeting without the citizen's evaluation or a learning recap is followed up after
# this many days (local calendar days).
ENPLAN_MEETING_FOLLOWUP_DAYS = 3
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

# The second factor of a local account (docs/staff-login.md, "Totrinsbekræftelse"): an
# authenticator app (TOTP), a passkey (WebAuthn) and recovery codes, through django-otp.
# It is asked of every login except those made through an identity provider named here,
# which checks its own second factor (MitID; the municipality's SSO): a login through any
# other backend, the password's among them, is asked for it.
ENPLAN_SECOND_FACTOR_EXEMPT_BACKENDS = ["enplan.citizen.mitid.MitIDBackend"]
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
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]
# A passkey is a second factor after the password, never a login without it.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
