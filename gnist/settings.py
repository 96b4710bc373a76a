"""Settings for the Gnist portal.

One module for every environment. Safe local defaults (SQLite, DEBUG on,
console e-mail, eager Celery); production sets the environment variables
listed in the README.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "accounts",
    "municipalities",
    "phases",
    "applications",
    "jury",
    "workshops",
    "notifications",
    "briefs",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "gnist.middleware.PrivacyHeadersMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "gnist.urls"
WSGI_APPLICATION = "gnist.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
                "gnist.i18n.language_switch",
                "gnist.context_processors.contact",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# A database that accepts connections and then never answers must fail a request
# (and a task) within seconds, not hang a gunicorn worker or a Celery worker.
DB_CONNECT_TIMEOUT = env_int("DB_CONNECT_TIMEOUT", 5)
DB_STATEMENT_TIMEOUT_MS = env_int("DB_STATEMENT_TIMEOUT_MS", 30_000)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": DB_CONNECT_TIMEOUT,
            "options": f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}",
            # A server that stops answering on an open connection: give up after 10 s.
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 2,
            "tcp_user_timeout": 10_000,
        }
    )
# /healthz gives the database this long to answer before it says 503.
HEALTHZ_TIMEOUT = float(os.environ.get("HEALTHZ_TIMEOUT", "3"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: sign-in by e-mail, verification mandatory, rate limits on.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
# Failed sign-ins count per account *and* address (accounts.adapters builds the
# key), so one person's typos lock only that person; the per-address cap stops
# password spraying from one address, and "login_failed_account" caps guessing
# at one account from many addresses.
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("LOGIN_FAILED_RATE_LIMIT", "100/5m/ip,5/5m/key"),
    "login_failed_account": os.environ.get("LOGIN_FAILED_ACCOUNT_RATE_LIMIT", "100/1h/key"),
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Behind a reverse proxy every request comes from the proxy's address: tell
# allauth (whose rate limits count per client address) which hops to trust.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Gnist] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Gnist"
# Paths where programme staff and jurors must have MFA before they get in.
MFA_REQUIRED_PATH_PREFIXES = env_list(
    "MFA_REQUIRED_PATH_PREFIXES", ["/staff/", "/jury/", "/admin/"]
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers per language (gnist/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["gnist.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files are never served from a public path; views check access first.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
# The size limit of a challenge attachment (gnist/uploads.py holds the upload policy).
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # The cache holds only rate-limit counters and throw-away values: while Redis is
    # down it fails open (reads miss, writes are dropped) so nobody is locked out.
    CACHES = {
        "default": {
            "BACKEND": "gnist.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BEAT_SCHEDULE: dict = {}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if not os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds for every SMTP socket operation: a server that hangs fails one attempt.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Gnist <gnist@doga.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write to programme staff (error pages).
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "gnist@doga.no")

INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# No inline script or style anywhere: JavaScript and CSS come from static/ only.
# Bootstrap's icons are data: URIs in its CSS, and the TOTP QR code is a data: image.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every rendering step at INFO; fontTools subsets fonts at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# E-mail outbox (gnist/emails.py) and deadline reminders (notifications/).
# 12 attempts at 30 s, 1, 2, 4 … minutes, then hourly: about five hours of retries.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 12)
OUTBOX_BACKOFF_BASE = env_int("OUTBOX_BACKOFF_BASE", 30)
OUTBOX_BACKOFF_MAX = env_int("OUTBOX_BACKOFF_MAX", 3600)
OUTBOX_CLAIM_TIMEOUT = env_int("OUTBOX_CLAIM_TIMEOUT", 600)
OUTBOX_MESSAGE_ID_DOMAIN = os.environ.get("OUTBOX_MESSAGE_ID_DOMAIN", "gnist.doga.no")
# Staff are alerted (banner on staff pages, and an e-mail to OUTBOX_ALERT_EMAIL through
# its own backend, never the failing SMTP server) once mail has failed this long.
OUTBOX_ALERT_AFTER = env_int("OUTBOX_ALERT_AFTER", 900)
OUTBOX_ALERT_REPEAT = env_int("OUTBOX_ALERT_REPEAT", 6 * 3600)
OUTBOX_ALERT_EMAIL = os.environ.get("OUTBOX_ALERT_EMAIL", "")
OUTBOX_ALERT_EMAIL_BACKEND = os.environ.get(
    "OUTBOX_ALERT_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
OUTBOX_ALERT_EMAIL_HOST = os.environ.get("OUTBOX_ALERT_EMAIL_HOST", "localhost")
OUTBOX_ALERT_EMAIL_PORT = env_int("OUTBOX_ALERT_EMAIL_PORT", 25)
# Recorded background tasks (gnist/background.py): a run holds its request this long.
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 600)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 8)
# A brief PDF render holds its version this long; the sweep re-queues it afterwards.
PDF_RENDER_LEASE = env_int("PDF_RENDER_LEASE", 300)
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
# E-mail delivery and PDF rendering have queues (and workers) of their own, so a
# hanging SMTP server cannot starve PDFs, reminders or the sweep, nor the reverse.
CELERY_EMAIL_QUEUE = os.environ.get("CELERY_EMAIL_QUEUE", "email")
CELERY_PDF_QUEUE = os.environ.get("CELERY_PDF_QUEUE", "pdf")
CELERY_TASK_ROUTES = {
    "notifications.deliver_message": {"queue": CELERY_EMAIL_QUEUE},
    "briefs.render_version_pdf": {"queue": CELERY_PDF_QUEUE},
}
CELERY_BEAT_SCHEDULE.update(
    {
        "sweep-outbox": {
            "task": "notifications.sweep_outbox",
            "schedule": float(env_int("OUTBOX_SWEEP_SECONDS", 60)),
        },
        "send-due-reminders": {
            "task": "notifications.send_due_reminders",
            "schedule": float(env_int("REMINDER_CHECK_SECONDS", 300)),
        },
    }
)


# Workshop materials: presentations and images staff upload after a workshop.
WORKSHOP_MATERIAL_MAX_BYTES = env_int("WORKSHOP_MATERIAL_MAX_BYTES", 25 * 1024 * 1024)

# Personal data (the privacy statement, templates/accounts/privacy.html): how long
# delivered or failed e-mails are kept, and how often old data is purged.
# Expired sessions go at the same time; a session lasts SESSION_COOKIE_AGE.
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 180)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600)
CELERY_BEAT_SCHEDULE["purge-expired-personal-data"] = {
    "task": "accounts.purge_expired_personal_data",
    "schedule": float(env_int("PERSONAL_DATA_PURGE_SECONDS", 24 * 3600)),
}
