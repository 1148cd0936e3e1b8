"""Production: refuses to start without its secrets; passes `check --deploy` cleanly."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *

for _name in ("SECRET_KEY", "DATABASE_URL"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"{_name} must be set in the environment for production.")

DEBUG = False
# Demo content and the bench data generator only when asked (make bench and make soak).
if env.flag("DEMO_APP", False):
    INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
SECRET_KEY = os.environ["SECRET_KEY"]
DATABASES = {"default": env.database()}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # One connection per server thread, kept across requests and checked before each one: when
    # PostgreSQL restarts, the next request reconnects at once (a pool would back off for
    # seconds), and while it is down a connection attempt gives up after 2 s (a 503 page).
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 2

TASKS = env.tasks(env.text("TASKS_BACKEND", "database"))

STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env.text("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env.text("EMAIL_HOST", "localhost"),
            "port": int(env.text("EMAIL_PORT", "25")),
            "username": env.text("EMAIL_HOST_USER"),
            "password": env.text("EMAIL_HOST_PASSWORD"),
            "use_tls": env.flag("EMAIL_USE_TLS", False),
        },
    }
}
