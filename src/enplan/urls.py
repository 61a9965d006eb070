from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from enplan.citizen import views as citizen_views
from enplan.core import observability
from enplan.core import views as core_views
from enplan.plans import views as plan_views
from enplan.sso import views as sso_views

admin.site.site_header = "Én plan"
admin.site.site_title = "Én plan"
admin.site.index_title = "Administration"

handler400 = "enplan.core.views.bad_request"
handler403 = "enplan.core.views.permission_denied"
handler404 = "enplan.core.views.page_not_found"
handler500 = "enplan.core.views.server_error"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("session/", core_views.session, name="session"),
    path("metrics", observability.metrics, name="metrics"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    # Logs out at the identity provider too when the session came from one.
    path("logout/", sso_views.logout, name="logout"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("", include("enplan.mfa.urls")),
    # The passkey scripts' texts, with the Danish that django-otp-webauthn does not ship.
    path(
        "passkeys/jsi18n/",
        login_not_required(
            JavaScriptCatalog.as_view(packages=["django_otp_webauthn", "enplan.mfa"])
        ),
        name="passkey_catalog",
    ),
    path("passkeys/", include("django_otp_webauthn.urls")),
    path("notifications/", plan_views.notification_list, name="notifications"),
    path(
        "notifications/settings/",
        core_views.notification_settings,
        name="notification_settings",
    ),
    # Before the plans' own pages, whose section pages would otherwise take its path.
    path("plans/<int:pk>/organisation/", include("enplan.network.urls")),
    path("plans/", include("enplan.plans.urls")),
    # The citizen's topics are the citizen app's; ticking one off is done in the meeting.
    path(
        "meetings/<int:meeting_pk>/topics/<int:topic_pk>/talked-about/",
        citizen_views.meeting_topic_talked_about,
        name="meeting_topic_talked_about",
    ),
    path("meetings/", include("enplan.meetings.urls")),
    path("borger/", include("enplan.citizen.urls")),
    path("tilgaengelighed/", citizen_views.accessibility, name="accessibility"),
    path("coordination/", include("enplan.coordination.urls")),
    path("targeting/", include("enplan.targeting.urls")),
    path("progress/", include("enplan.progress.urls")),
    path("api/", include("enplan.api.urls")),
    path("sso/", include("enplan.sso.urls")),
    path("admin/", admin.site.urls),
]
