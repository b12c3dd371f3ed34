"""Django settings for sakip, read from SAKIP_* environment variables.

SQLite in the data directory by default; PostgreSQL when SAKIP_DATABASE_URL is set.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SAKIP_DATA_DIR", "sakip-data")).resolve()

DEBUG = os.environ.get("SAKIP_DEBUG", "") == "1"


def _local_secret_key(data_dir: Path) -> str:
    """A key kept in the data directory, made once, for an install without SAKIP_SECRET_KEY."""
    key_file = data_dir / "secret-key"
    if not key_file.exists():
        import secrets

        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("SAKIP_SECRET_KEY") or _local_secret_key(DATA_DIR)

ALLOWED_HOSTS = [
    h for h in os.environ.get("SAKIP_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "sakip.organisasi",
    "sakip.perencanaan",
    "sakip.pengukuran",
    "sakip.pelaporan",
    "sakip.survei",
    "sakip.evaluasi",
    "sakip.demo",
    "sakip.server",
    "sakip.worker",
]

MIDDLEWARE = [
    "sakip.server.request_id.RequestId",
    "sakip.organisasi.middleware.ContentSecurityPolicy",
    "sakip.organisasi.middleware.RequestSizeLimit",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sakip.urls"
WSGI_APPLICATION = "sakip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sakip.organisasi.context_processors.csp_nonce",
            ],
        },
    },
]


def database_from_url(url: str) -> dict:
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(
            f"SAKIP_DATABASE_URL must start with postgresql://, not {parsed.scheme}://"
        )
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")) or "sakip",
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": 60,
    }


def sqlite_database(data_dir: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": data_dir / "sakip.sqlite3",
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        },
    }


if os.environ.get("SAKIP_DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["SAKIP_DATABASE_URL"])}
else:
    DATABASES = {"default": sqlite_database(DATA_DIR)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_env(env, data_dir: Path) -> dict:
    """One cache for every process of the machine (the SKM form's rate limit and the login
    throttle count in it): Redis with SAKIP_REDIS_URL, else files in the data directory."""
    if env.get("SAKIP_REDIS_URL"):
        backend = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env["SAKIP_REDIS_URL"],
        }
    else:
        backend = {  # FileBasedCache with atomic add and incr, for exact counts
            "BACKEND": "sakip.organisasi.cache.AtomicFileBasedCache",
            "LOCATION": str(data_dir / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    return {"default": backend}


CACHES = cache_from_env(os.environ, DATA_DIR)

# The SKM public form: accepted responses per client address per OPD in a window of seconds;
# the client address is read from X-Forwarded-For only behind these proxies (comma-separated).
SAKIP_SKM_BATAS_RESPONS = int(os.environ.get("SAKIP_SKM_BATAS_RESPONS", "10"))
SAKIP_SKM_JENDELA_DETIK = int(os.environ.get("SAKIP_SKM_JENDELA_DETIK", "600"))
SAKIP_TRUSTED_PROXIES = [
    a.strip() for a in os.environ.get("SAKIP_TRUSTED_PROXIES", "").split(",") if a.strip()
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "id"
# Indonesian only until an English catalogue exists: a browser set to English would otherwise
# get Django's English dates and decimal points among Indonesian sentences.
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = os.environ.get("SAKIP_TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
# Static files are served by the app itself (offices have poor links: no CDN). `sakip serve`
# collects them into STATIC_ROOT (SAKIP_STATIC_ROOT, by default DATA_DIR/static), where WhiteNoise
# serves them compressed and under hashed names (cached for ever by browsers); without a
# STATIC_ROOT (tests, the demo) WhiteNoise serves them from the apps, no collectstatic needed.
STATIC_ROOT = os.environ.get("SAKIP_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = not STATIC_ROOT
if STATIC_ROOT and not DEBUG:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
MEDIA_ROOT = DATA_DIR / "media"

# Login throttling (sakip.organisasi.throttle): wrong passwords for one account from one address
# lock that account from that address (django-axes); failed logins from one address, whatever
# the accounts, lock the address (a whole office may share one NAT address: a higher limit).
# Both locks last SAKIP_LOGIN_KUNCI_MENIT minutes from the failure that reached the limit.
SAKIP_LOGIN_BATAS_AKUN = int(os.environ.get("SAKIP_LOGIN_BATAS_AKUN", "5"))
SAKIP_LOGIN_BATAS_ALAMAT = int(os.environ.get("SAKIP_LOGIN_BATAS_ALAMAT", "20"))
SAKIP_LOGIN_KUNCI_MENIT = int(os.environ.get("SAKIP_LOGIN_KUNCI_MENIT", "30"))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sakip.organisasi.throttle.BatasAlamatBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = "sakip.organisasi.throttle.batas_akun"
AXES_COOLOFF_TIME = "sakip.organisasi.throttle.lama_kunci"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "sakip.organisasi.alamat.alamat_ip_klien"  # SAKIP_TRUSTED_PROXIES
AXES_LOCKOUT_CALLABLE = "sakip.organisasi.throttle.respons_terkunci"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock page's time stays true
AXES_RESET_ON_SUCCESS = True

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Behind HTTPS (production): `python -m django check --deploy` is clean with SAKIP_HTTPS=1.
if os.environ.get("SAKIP_HTTPS") == "1":
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # a monitor on the machine asks gunicorn for /sehat over plain HTTP (docs/deploy.md)
    SECURE_REDIRECT_EXEMPT = [r"^sehat$"]

# The largest request body any form accepts (uploads have smaller limits of their own).
SAKIP_MAX_REQUEST_BYTES = int(os.environ.get("SAKIP_MAX_REQUEST_MB", "25")) * 1024 * 1024

# The task worker's heartbeat (sakip.sehat.detak_worker): with SAKIP_WORKER=1 a worker must run,
# and /sehat answers 503 when its last heartbeat is older than this.
SAKIP_WORKER_WAJIB = os.environ.get("SAKIP_WORKER") == "1"
SAKIP_WORKER_DETAK_MAKS_DETIK = int(os.environ.get("SAKIP_WORKER_DETAK_MAKS_DETIK", "300"))

# Background tasks (Django 6's Tasks API through the django-tasks backport) are rows of the
# database, run by `sakip worker` (sakip.worker). A worker beats every SAKIP_WORKER_DETAK_DETIK
# seconds; a task whose worker has not beaten for SAKIP_WORKER_BATAS_DETIK (or whose process is
# gone) is queued again, or failed with the reason after SAKIP_WORKER_PERCOBAAN attempts.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SAKIP_WORKER_DETAK_DETIK = float(os.environ.get("SAKIP_WORKER_DETAK_DETIK", "15"))
SAKIP_WORKER_BATAS_DETIK = float(os.environ.get("SAKIP_WORKER_BATAS_DETIK", "120"))
SAKIP_WORKER_PERCOBAAN = int(os.environ.get("SAKIP_WORKER_PERCOBAAN", "3"))

# The application's log on stderr (journald under systemd), each record with the id of its
# request (sakip.server.request_id); gunicorn writes the access log with the same id.
SAKIP_LOG_LEVEL = os.environ.get("SAKIP_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "sakip.server.request_id.RequestIdFilter"}},
    "formatters": {
        "sakip": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "sakip",
        }
    },
    "root": {"handlers": ["stderr"], "level": SAKIP_LOG_LEVEL},
    # Django's errors (500s with their traceback) reach the handler above, once, also with DEBUG
    "loggers": {"django": {"handlers": [], "level": SAKIP_LOG_LEVEL}},
}

# Errors to Sentry (optional: pip install 'sakip[sentry]'), without personal data.
SAKIP_SENTRY_DSN = os.environ.get("SAKIP_SENTRY_DSN", "")
if SAKIP_SENTRY_DSN:
    from sakip.server.sentry import start_sentry

    start_sentry(SAKIP_SENTRY_DSN)
