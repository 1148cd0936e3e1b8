"""Production: refuses to start without its secrets; passes `check --deploy` cleanly."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *

for _name in ("SECRET_KEY", "DATABASE_URL"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"{_name} must be set in the environment for production.")

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
DATABASES = {"default": env.database()}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg's pool keeps connections open across requests within each worker.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = True

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
