"""HyperCRM settings, read from the environment (see docs/configuration.md)."""

import secrets
from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
DEMO_MODE = env.bool("HYPERCRM_DEMO", default=False)
# The language the demo company is seeded in: its names, addresses, currency and taxes are
# those of that country (en: a German company in euros, fr: French, ru: Russian in roubles).
DEMO_LANGUAGE = env.str("HYPERCRM_DEMO_LANGUAGE", default="en").strip().lower()
if DEMO_LANGUAGE not in ("en", "fr", "ru"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"HYPERCRM_DEMO_LANGUAGE is {DEMO_LANGUAGE!r}; the demo company speaks en, fr or ru."
    )


def _secret_key() -> str:
    """Take SECRET_KEY from the environment; otherwise keep a generated one under var/."""
    if key := env.str("SECRET_KEY", default=""):
        return key
    VAR_DIR.mkdir(exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "engine",
    "processes.access",
    "processes.demo",
    "processes.crm",
    "processes.catalog",
    "processes.inventory",
    "processes.sales",
    "processes.procurement",
    "processes.production",
    "processes.shipment",
    "processes.kpis",
    "processes.notifications",
    "processes.collab",
    "processes.ownership",
    "processes.audit",
    "processes.company",
    "auditlog",
    "axes",
    "api",
    "workers",
    "operations",
    "web",
    "profiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Names the person (and address) on every change the audit log records in the request.
    "processes.audit.middleware.AuditRequestMiddleware",
    # A person's own language choice (profile page) wins over the browser's on the pages.
    "profiles.middleware.PersonLanguageMiddleware",
    # A form's choice lists of records (customers …) are those the person sees.
    "forms.middleware.ChoicesAskerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Answers a sign-in from a locked-out account and address with 429 (api/lockout.py).
    "axes.middleware.AxesMiddleware",
    # A page's id beyond 64 bits: 404 (api/middleware.py).
    "api.middleware.LargeNumberMiddleware",
    # A NUL character in the query or body: 400 before any view (api/nul.py).
    "api.nul.NulCharacterMiddleware",
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed sign-ins for one user name
# from one address, that pair is refused for AXES_COOLOFF_TIME (the page and
# POST /api/auth/token/ alike); a successful sign-in clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("HYPERCRM_LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("HYPERCRM_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "api.lockout.lockout_response"
AXES_VERBOSE = False

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# The embedded default is a SQLite file under var/; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'hypercrm.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE makes every transaction take the write lock at its start, so two
    # writers queue instead of failing half-way; WAL lets readers go on meanwhile.
    DATABASES["default"]["ENGINE"] = "config.sqlite"
    # Keep connections: opening a file and setting its pragmas at every step costs more than
    # the step's own queries.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    # PostgreSQL plans for spinning disks by default (random_page_cost 4): it would rather read
    # 100,000 customers whole than look up the 1,500 a report needs by their index. On SSDs, or
    # a database in memory, 1.1 is the usual cost; PG_RANDOM_PAGE_COST="" keeps the server's.
    if page_cost := env.str("PG_RANDOM_PAGE_COST", default="1.1"):
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options.setdefault("options", f"-c random_page_cost={float(page_cost)}")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# The languages the product speaks (docs/i18n.md); catalogues in locale/, compiled by make install.
LANGUAGES = [("en", "English"), ("fr", "Français"), ("ru", "Русский")]
# The site's language: what a person without a choice on their profile reads when no
# browser says otherwise, and what background work writes to them in (a batch's reasons,
# e-mails). HYPERCRM_LANGUAGE; by default the demo company's language, else English.
LANGUAGE_CODE = env.str("HYPERCRM_LANGUAGE", default=DEMO_LANGUAGE if DEMO_MODE else "en")
if LANGUAGE_CODE not in dict(LANGUAGES):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"HYPERCRM_LANGUAGE is {LANGUAGE_CODE!r}; HyperCRM speaks en, fr or ru."
    )
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise reads it at start
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

LOGIN_URL = "/login/"
# After login, "/" sends each person to the page their groups use most.
LOGIN_REDIRECT_URL = "/"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "HyperCRM API",
    "DESCRIPTION": "Customers, sales, stock, production and shipping, run by BPMN processes.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several business records have a `kind`; each choice set gets its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "PartyKindEnum": "processes.crm.models.Party.Kind",
        "ChannelKindEnum": "processes.crm.models.ContactChannel.Kind",
        "InteractionKindEnum": "processes.crm.models.Interaction.Kind",
        "ProductKindEnum": "processes.catalog.models.Product.Kind",
        "StockMoveKindEnum": "processes.inventory.models.StockMove.Kind",
        "BatchStatusEnum": "engine.models.batches.BatchStatus",
        "InstanceStatusEnum": "engine.models.instances.InstanceStatus",
    },
}

# The audit log (processes/audit, docs/security.md): every save and delete of these models
# is recorded by django-auditlog with the fields changed, old and new values, who and when.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    *(
        f"{app}.{model}"
        for app, models in {
            "crm": ["Party", "Contact", "ContactChannel", "Address", "FunnelStage", "Deal"],
            "catalog": ["TaxRate", "Product", "PriceList", "PriceListItem", "CustomerPrice"],
            "inventory": ["Warehouse", "ReorderRule"],
            "sales": [
                "Quotation", "QuotationLine", "SalesOrder", "SalesOrderLine", "Invoice",
                "InvoiceLine", "Payment",
            ],
            "procurement": [
                "PurchaseRequest", "PurchaseOrder", "PurchaseOrderLine", "GoodsReceipt",
                "SupplierBill",
            ],
            "production": ["BillOfMaterials", "BomLine", "ManufacturingOrder"],
            "shipment": ["Shipment"],
            "access": ["GroupRights"],
            "company": ["CompanyDetails"],
        }.items()
        for model in models
    ),
    {"model": "auth.User", "exclude_fields": ["password", "last_login"], "m2m_fields": ["groups"]},
    "auth.Group",
    # Deployments name who deployed which file; instances keep their own history (engine_event).
    {"model": "engine.Deployment", "include_fields": ["file_name", "content_hash"]},
    {"model": "engine.GroupStartRights", "include_fields": ["group", "keys"]},
    {"model": "engine.GroupMonitorRights", "include_fields": ["group", "keys"]},
)  # fmt: skip
AUDITLOG_DISABLE_ON_RAW_SAVE = True

# Uploads: a deployment (BPMN file or zip bundle) larger than this is refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=32 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

HYPERCRM = {
    # Largest single deployment file and unpacked bundle the engine accepts.
    "MAX_DEPLOYMENT_BYTES": env.int("HYPERCRM_MAX_DEPLOYMENT_BYTES", default=10 * 1024 * 1024),
    # The name of this deployment (production, staging, …): what scripts' get_env() answers.
    "ENVIRONMENT": env.str("HYPERCRM_ENVIRONMENT", default="production"),
    # Seconds a BPMN script or expression may run before it is stopped.
    "SCRIPT_TIME_LIMIT": env.float("HYPERCRM_SCRIPT_TIME_LIMIT", default=2.0),
    # Where user-task forms are looked up after the deployed bundle.
    "FORMS_DIR": env.path("HYPERCRM_FORMS_DIR", default=BASE_DIR / "forms" / "schemas"),
    # Diagrams deployed at start by `manage.py deploy_processes`.
    "BPMN_DIR": env.path("HYPERCRM_BPMN_DIR", default=BASE_DIR / "processes" / "bpmn"),
    # The reasons a salesperson picks from when a deal is lost (comma-separated); empty:
    # the built-in list, in the reader's language (web/selectors/deals.py).
    "DEAL_LOST_REASONS": env.list("HYPERCRM_DEAL_LOST_REASONS", default=[]),
    # Purchase orders above this total (a decimal string) need a manager's approval.
    "PURCHASE_APPROVAL_LIMIT": env.str("HYPERCRM_PURCHASE_APPROVAL_LIMIT", default="5000.00"),
    # On PostgreSQL, a worker's step commits without waiting for its WAL flush: a server
    # crash may lose the last fraction of a second of worker steps, which the sweep then
    # runs again, as if the worker had died before committing (docs/runtime.md).
    "WORKER_ASYNC_COMMIT": env.bool("HYPERCRM_WORKER_ASYNC_COMMIT", default=True),
    # Memory (MB) a BPMN script may add to its process before it is stopped.
    "SCRIPT_MEMORY_LIMIT_MB": env.float("HYPERCRM_SCRIPT_MEMORY_LIMIT_MB", default=256),
    # Internal networks or host names the http connector may reach (it refuses loopback,
    # link-local and private addresses otherwise), and the largest answer it reads.
    "HTTP_ALLOWED_NETWORKS": env.list("HYPERCRM_HTTP_ALLOWED_NETWORKS", default=[]),
    "HTTP_MAX_BODY_BYTES": env.int("HYPERCRM_HTTP_MAX_BODY_BYTES", default=1024 * 1024),
    # The company's currency (ISO 4217): documents of customers without a price list use it.
    "COMPANY_CURRENCY": env.str(
        "HYPERCRM_COMPANY_CURRENCY", default="RUB" if DEMO_MODE and DEMO_LANGUAGE == "ru" else "EUR"
    ),
    # The address people open the product at: links in e-mails start with it.
    "SITE_URL": env.str("HYPERCRM_SITE_URL", default="http://localhost:8000"),
    # How long before a task's due date its assignee is told that it is due soon.
    "DUE_SOON_MINUTES": env.int("HYPERCRM_DUE_SOON_MINUTES", default=60),
    # The largest file that can be attached to a case, task or record.
    "ATTACHMENT_MAX_BYTES": env.int("HYPERCRM_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024),
    # Minutes during which the author of a comment may still change it.
    "COMMENT_EDIT_MINUTES": env.int("HYPERCRM_COMMENT_EDIT_MINUTES", default=15),
    # Longest an external worker's fetchAndLock waits for a task (long polling), seconds.
    "EXTERNAL_TASK_MAX_WAIT_S": env.int("HYPERCRM_EXTERNAL_TASK_MAX_WAIT_S", default=60),
    # How long, after a completion, the task page waits for a worker's step of the case
    # before it falls back to the inbox (it goes on as soon as the next task is there).
    "NEXT_TASK_WAIT_SECONDS": env.float("HYPERCRM_NEXT_TASK_WAIT_SECONDS", default=2.0),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {"spiff": {"level": "WARNING"}},
}

# Background work. With a broker, `celery -A workers worker` and `celery -A workers beat` run
# it; without one (the embedded default) a thread of the web process does.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Keep database connections from task to task (Celery closes them after each one unless
# told): a new connection costs more than a timer's whole step. Broken or old connections
# are still closed after each task (workers/celery.py).
CELERY_DB_REUSE_MAX = 1000
# A queue for what steps ask for (the default), one for the batches of due work the sweep
# hands out, one for the sweep itself: none waits behind another's backlog. A worker
# consumes all three unless told otherwise (`-Q`).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = {"celery": {}, "due": {}, "sweep": {}}
CELERY_TASK_ROUTES = {
    "workers.advance_due": {"queue": "due"},
    "workers.sweep": {"queue": "sweep"},
}
CELERY_BEAT_SCHEDULE = {
    "sweep": {
        "task": "workers.sweep",
        "schedule": env.float("HYPERCRM_SWEEP_SECONDS", default=1.0),
        # A sweep that waited this long is dropped: a newer one is queued behind it.
        "options": {"expires": 5.0},
    },
}
EMBEDDED_WORKER = env.bool("HYPERCRM_EMBEDDED_WORKER", default=not CELERY_BROKER_URL)

# Operations (docs/operations.md): where backups go, and who may read /metrics — with a
# token, whoever sends it as a bearer token; without one, only this machine (loopback).
BACKUP_DIR = env.path("HYPERCRM_BACKUP_DIR", default=VAR_DIR / "backups")
# The embedded worker takes one backup a day into BACKUP_DIR (keeping 7 daily, 4 weekly).
HYPERCRM_DAILY_BACKUP = env.bool("HYPERCRM_DAILY_BACKUP", default=True)
METRICS_TOKEN = env.str("HYPERCRM_METRICS_TOKEN", default="")

# Notifications by e-mail (docs/notifications.md): the console in the embedded default;
# EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the EMAIL_* below for SMTP.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="hypercrm@localhost")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Where django.core.mail.backends.filebased.EmailBackend writes, if chosen.
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
