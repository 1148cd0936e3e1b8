"""Settings shared by every environment; the embedded default needs no server at all."""

from datetime import timedelta

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from . import env

BASE_DIR = env.BASE_DIR

SECRET_KEY = env.text("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env.flag("DEBUG", False)
ALLOWED_HOSTS = env.words("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_prose_editor",
    "taskqueue.library_apps.TasksDatabaseConfig",
    "core.login_throttle.AxesConfig",
    "core",
    "articles",
    "comments",
    "wordpress",
    "taskqueue",
]


MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost after security: it sees the cookies every other middleware may add.
    "core.pagecache.PublicCacheHeadersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each article revision.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes' backend goes first: a locked-out sign-in is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache(env.text("REDIS_URL"))}
# One-row settings models (core/singleton.py) keep their row in the cache for an hour; saving
# the row replaces the cached copy at once.
SOLO_CACHE = "default"
SOLO_CACHE_TIMEOUT = 3600

MAILERS = {
    "default": {
        "BACKEND": env.text("EMAIL_BACKEND", "core.console_mail.ReadableConsoleEmailBackend")
    }
}
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "newsroom@localhost")

# Sign-in throttling (django-axes): five failures from one address or for one username lock
# signing in there for 15 minutes after the last failure, whatever password comes next.
# Counted in the database, so every server process sees the same count with or without Redis,
# and an administrator lifts a lock by deleting its access attempt in the admin.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
# Refused attempts do not push the end of the lock further away.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "core.login_throttle.locked_out"
# Failed attempts are kept for the cool-off only; successful sign-ins are not logged.
AXES_DISABLE_ACCESS_LOG = True
# Our admin of the attempts (core/admin.py) replaces axes' own, whose words are not all Arabic.
AXES_ENABLE_ADMIN = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic first: the interface, the admin and the error messages are Arabic.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "core" / "locale"]
TIME_ZONE = env.text("TIME_ZONE", "Asia/Riyadh")
USE_I18N = True
USE_TZ = True

MEDIA_URL = "media/"
MEDIA_ROOT = env.VAR_DIR / "media"
STATIC_URL = "static/"
STATIC_ROOT = env.VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Flash messages in a cookie, never the session: a reader's "your comment is held" must not
# need a database write once the comment is committed.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Nothing a reader or a feed wrote can run: scripts only from our own files (no inline ones,
# so a page shared from the cache carries no nonce), nothing from other hosts, no framing.
# The admin's rich-text editor needs an inline import map: core.security relaxes scripts
# for the admin only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Background work (notifications, feed polling, going live): "immediate" runs it inside the
# request (demo, tests); "database" queues it for `manage.py run_worker` (production).
TASKS = env.tasks(env.text("TASKS_BACKEND", "immediate"))

# Newsroom's own knobs.
# What `manage.py periodic` (cron, every few minutes) enqueues.
NEWSROOM_PERIODIC_TASKS = [
    "articles.tasks.catch_up_publishing",
    "articles.tasks.empty_trash",
    "articles.tasks.poll_sources",
    "comments.tasks.empty_comment_trash",
]
NEWSROOM_SITE_URL = env.text("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Unset, links shown on a page (preview links) use the address the page was asked on instead.
NEWSROOM_SITE_URL_IS_SET = bool(env.text("SITE_URL"))
# The admin's address; changing it keeps bots that try /admin/ away from the login form.
NEWSROOM_ADMIN_PATH = env.text("ADMIN_PATH", "admin/").strip("/") + "/"
# How many proxies of ours stand before the app (nginx: 1); see core/clientip.py.
NEWSROOM_PROXY_COUNT = int(env.text("PROXY_COUNT", "0"))
# Feeds inside our own network are refused unless this is on (see articles/fetching.py).
NEWSROOM_FEEDS_FROM_PRIVATE_ADDRESSES = env.flag("FEEDS_FROM_PRIVATE_ADDRESSES", False)
# Longest life of a cached public page; any change to the site ends it sooner.
NEWSROOM_PAGE_CACHE_SECONDS = int(env.text("PAGE_CACHE_SECONDS", "600"))
# Shared caches purged by tag after every change (core/purge.py): Varnish nodes (PURGE with
# an xkey header, core/varnish/newsroom.vcl) and a CDN purging by surrogate key (Fastly-style).
NEWSROOM_VARNISH_PURGE_URLS = env.words("VARNISH_PURGE_URLS")
NEWSROOM_CDN_PURGE_URL = env.text("CDN_PURGE_URL")
NEWSROOM_CDN_PURGE_TOKEN = env.text("CDN_PURGE_TOKEN")
NEWSROOM_SECTION_PAGE_SIZE = 12
NEWSROOM_HOME_PER_SECTION = 4
NEWSROOM_RELATED_COUNT = 6
NEWSROOM_MOST_COMMENTED_DAYS = 7
NEWSROOM_PREVIEW_HOURS = 48
NEWSROOM_TRASH_DAYS = 30
# Task workers beat this often; a worker silent for STALE seconds is presumed dead and its
# running task goes back to the queue (taskqueue/heartbeats.py).
NEWSROOM_WORKER_BEAT_SECONDS = float(env.text("WORKER_BEAT_SECONDS", "2"))
NEWSROOM_WORKER_STALE_SECONDS = float(env.text("WORKER_STALE_SECONDS", "15"))
