from django.urls import path

from enplan.sso import views

app_name = "sso"

urlpatterns = [
    path("logud/", views.logout, name="logout"),
    path("oidc/callback/", views.oidc_callback, name="oidc_callback"),
    path("<slug:slug>/login/", views.login, name="login"),
    path("<slug:slug>/saml/metadata/", views.saml_metadata, name="saml_metadata"),
    path("<slug:slug>/saml/acs/", views.saml_acs, name="saml_acs"),
    path("<slug:slug>/saml/sls/", views.saml_sls, name="saml_sls"),
]
