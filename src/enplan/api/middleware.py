from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


def language_of(request) -> str:
    """The first language of Accept-Language that Én plan speaks; Danish otherwise."""
    spoken = dict(settings.LANGUAGES)
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        code = code.split("-")[0].lower()
        if code in spoken:
            return code
    return settings.LANGUAGE_CODE


class ApiLanguageMiddleware:
    """A system says which language it wants (Accept-Language): the API answers in it,
    Danish or English; the pages keep their Danish-first rule."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        language = language_of(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers["Content-Language"] = language
        vary = response.headers.get("Vary")
        response.headers["Vary"] = f"{vary}, Accept-Language" if vary else "Accept-Language"
        return response
