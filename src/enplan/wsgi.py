import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")
application = get_wsgi_application()

if not settings.DEBUG:
    # Ready before the first request, not during it (`enplan.core.warmup`). The
    # development server reloads on every change and compiles templates anew anyway.
    from enplan.core.warmup import warm_up

    warm_up()
