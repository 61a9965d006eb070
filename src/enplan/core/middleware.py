from django.conf import settings
from django.utils import translation


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
