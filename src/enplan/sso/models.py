"""A municipality's identity providers, and how their rights become Én plan's roles.

A municipality signs its staff in through KOMBIT's Fælleskommunalt Adgangsstyringssystem
(SAML 2.0, OIOSAML 3) or its own Entra ID (OpenID Connect), and its citizens through
NemLog-in (SAML 2.0, OIOSAML 3). Each is one `IdentityProvider`, configured in the
administration; `RightMapping` says which right (and data limit) from the provider makes
someone a professional, a team leader or an administrator, and in which department
(docs/staff-login.md has the table an operator fills in).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from enplan.core.models import MunicipalityOwned, Role
from enplan.organisation.models import Department

# KOMBIT's and OIOSAML's attribute names (OIOSAML Web SSO Profile 3.0, Basic Privilege
# Profile 1.2 as KOMBIT sends it; the NSIS level and CPR number from NemLog-in).
KOMBIT_PRIVILEGES = "dk:gov:saml:attribute:Privileges_intermediate"
OIOSAML_NAME = "https://data.gov.dk/model/core/eid/fullName"
OIOSAML_EMAIL = "https://data.gov.dk/model/core/eid/email"
NSIS_LEVEL = "https://data.gov.dk/concept/core/nsis/loa"
CPR_NUMBER = "https://data.gov.dk/model/core/eid/cprNumber"


class Audience(models.TextChoices):
    STAFF = "staff", _("Staff")
    CITIZEN = "citizen", _("Citizens")


class Protocol(models.TextChoices):
    SAML = "saml", _("SAML 2.0 (OIOSAML 3: KOMBIT adgangsstyring, NemLog-in)")
    OIDC = "oidc", _("OpenID Connect (Entra ID and others)")


class IdentityProvider(MunicipalityOwned):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Shown on the login button, e.g. 'KOMBIT'.")
    )
    slug = models.SlugField(
        _("address name"),
        unique=True,
        help_text=_("Part of the login addresses, e.g. 'furesoe-kombit'. Do not change it later."),
    )
    audience = models.CharField(
        _("who logs in"), max_length=10, choices=Audience.choices, default=Audience.STAFF
    )
    protocol = models.CharField(_("protocol"), max_length=10, choices=Protocol.choices)
    is_active = models.BooleanField(_("active"), default=True)

    # SAML 2.0
    idp_metadata_xml = models.TextField(
        _("identity provider's metadata (XML)"),
        blank=True,
        help_text=_("Paste the metadata file, or give its address below."),
    )
    idp_metadata_url = models.URLField(_("address of the identity provider's metadata"), blank=True)
    sp_entity_id = models.CharField(
        _("Én plan's entity id"),
        max_length=255,
        blank=True,
        help_text=_("Empty: the address of Én plan's metadata for this provider."),
    )
    sp_key_path = models.CharField(
        _("path to Én plan's private key"),
        max_length=255,
        blank=True,
        help_text=_("A PEM file on the server, readable only by Én plan (never in the database)."),
    )
    sp_cert_path = models.CharField(_("path to Én plan's certificate"), max_length=255, blank=True)
    privileges_attribute = models.CharField(
        _("attribute with the rights"), max_length=255, blank=True, default=KOMBIT_PRIVILEGES
    )
    name_attribute = models.CharField(
        _("attribute with the name"), max_length=255, blank=True, default=OIOSAML_NAME
    )
    email_attribute = models.CharField(
        _("attribute with the e-mail"), max_length=255, blank=True, default=OIOSAML_EMAIL
    )

    # OpenID Connect
    oidc_issuer = models.URLField(_("issuer"), blank=True)
    oidc_client_id = models.CharField(_("client id"), max_length=255, blank=True)
    oidc_client_secret = models.CharField(_("client secret"), max_length=255, blank=True)
    oidc_scopes = models.CharField(
        _("scopes"), max_length=255, blank=True, default="openid profile email"
    )
    roles_claim = models.CharField(
        _("claim with the rights"),
        max_length=100,
        blank=True,
        default="roles",
        help_text=_("Entra ID: 'roles' (app roles) or 'groups'."),
    )
    department_claim = models.CharField(
        _("claim with the data limit"),
        max_length=100,
        blank=True,
        help_text=_("Optional, e.g. 'department' or an extension attribute."),
    )
    name_claim = models.CharField(
        _("claim with the name"), max_length=100, blank=True, default="name"
    )
    email_claim = models.CharField(
        _("claim with the e-mail"), max_length=100, blank=True, default="email"
    )

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering = ["municipality__name", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.audience == Audience.CITIZEN and self.protocol != Protocol.SAML:
            # The citizens' OpenID Connect broker is set up by the operator (citizen-login.md).
            raise ValidationError(
                {"protocol": _("Citizens log in here through NemLog-in, with SAML 2.0.")}
            )


class RightMapping(MunicipalityOwned):
    """One right from the identity provider, optionally within a data limit, and what it
    gives in Én plan. Someone with several rights gets the highest role among them and the
    department of the first one (in this list's order) that names a department."""

    provider = models.ForeignKey(
        IdentityProvider,
        verbose_name=_("identity provider"),
        on_delete=models.CASCADE,
        related_name="rights",
    )
    right = models.CharField(
        _("right"),
        max_length=255,
        help_text=_("KOMBIT: the user system role's entity id. Entra ID: the app role or group."),
    )
    scope = models.CharField(
        _("data limit"),
        max_length=255,
        blank=True,
        help_text=_("KOMBIT: the privilege group's Scope. Empty: any data limit."),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=[(r.value, r.label) for r in (Role.PROFESSIONAL, Role.LEADER, Role.ADMIN)],
        default=Role.PROFESSIONAL,
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, null=True, blank=True
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("right")
        verbose_name_plural = _("rights")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.right} {self.scope}".strip()


class ExternalIdentity(MunicipalityOwned):
    """Who a person is at an identity provider (the SAML NameID or the OpenID `sub`),
    linked to their user here. A login never takes over a local account by its username:
    only this link joins the two."""

    provider = models.ForeignKey(
        IdentityProvider, verbose_name=_("identity provider"), on_delete=models.CASCADE
    )
    subject = models.CharField(_("identity at the provider"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="external_identities",
    )
    last_login = models.DateTimeField(_("last login"), null=True, blank=True)
    # Set when the provider took the rights away: a right given back opens the account again.
    # A user the administrator deactivated stays deactivated, whatever the provider says.
    deactivated_by_provider = models.BooleanField(
        _("deactivated by the identity provider"), default=False
    )

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_unique")
        ]

    def __str__(self):
        return self.subject


class SeenAssertion(models.Model):
    """The ids of SAML assertions already used, until they expire: an assertion is good for
    one login only (OIOSAML 3, replay protection)."""

    assertion_id = models.CharField(max_length=255, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.assertion_id
