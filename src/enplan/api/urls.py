"""The API's addresses: the versioned API and the OAuth token endpoint.

The site asks for a login on every page (LoginRequiredMiddleware); a system has no
session but a bearer token, which the API checks itself, so these views are exempt.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, path
from oauth2_provider import views as oauth_views

from enplan.api.v1 import api


def _without_login(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _without_login(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback.login_required = False
    return patterns


v1_patterns, v1_app, v1_namespace = api.urls
_without_login(v1_patterns)

urlpatterns = [
    path("v1/", (v1_patterns, v1_app, v1_namespace)),
    path("oauth/token/", login_not_required(oauth_views.TokenView.as_view()), name="oauth-token"),
    path(
        "oauth/revoke/",
        login_not_required(oauth_views.RevokeTokenView.as_view()),
        name="oauth-revoke",
    ),
]
