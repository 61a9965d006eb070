from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class DanishFirstLocaleMiddleware:
    """Danish unless the user has chosen another language in the footer.

    Django's own LocaleMiddleware would follow the browser's Accept-Language, but many
    municipal PCs run English-language browsers; the product speaks Danish first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class SecurityHeadersMiddleware:
    """Headers every dynamic page carries: no browser features, and never stored.

    Any page of Én plan but the static files may show personal data: the plan, its print
    view, the calendar file, the caseload, even a login page's error. A shared or library
    computer must not keep a copy in its cache, so every response that reaches this
    middleware (WhiteNoise answers static files before it) is marked `no-store`. The rule
    is deliberately the simple one, so that a new page cannot forget it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        response.headers.setdefault("Permissions-Policy", settings.ENPLAN_PERMISSIONS_POLICY)
        return response
