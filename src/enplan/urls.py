from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from enplan.citizen import views as citizen_views
from enplan.core import observability
from enplan.core import views as core_views
from enplan.plans import views as plan_views

admin.site.site_header = "Én plan"
admin.site.site_title = "Én plan"
admin.site.index_title = "Administration"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("metrics", observability.metrics, name="metrics"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("notifications/", plan_views.notification_list, name="notifications"),
    path("plans/", include("enplan.plans.urls")),
    path("plans/<int:pk>/organisation/", include("enplan.network.urls")),
    path("meetings/", include("enplan.meetings.urls")),
    path("borger/", include("enplan.citizen.urls")),
    path("tilgaengelighed/", citizen_views.accessibility, name="accessibility"),
    path("coordination/", include("enplan.coordination.urls")),
    path("targeting/", include("enplan.targeting.urls")),
    path("progress/", include("enplan.progress.urls")),
    path("api/", include("enplan.api.urls")),
    path("admin/", admin.site.urls),
]
