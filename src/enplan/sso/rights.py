"""From an identity provider's rights to Én plan's role and department: pure functions.

KOMBIT's adgangsstyring sends a user's rights as the attribute
`dk:gov:saml:attribute:Privileges_intermediate`: base64 of an XML `PrivilegeList` of
`PrivilegeGroup`s, each with a `Scope` (the data limit, e.g. an organisation unit or a
CVR number) and the `Privilege`s (user system roles) held within it (OIOSAML Basic
Privilege Profile). Entra ID sends app roles or groups as a list claim; a data limit, if
any, comes from a claim of its own. Both become a list of `Held` rights and are mapped
the same way.
"""

import base64
import binascii
from dataclasses import dataclass

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from enplan.core.models import Role

# From the least to the most a role may do; someone with several rights gets the highest.
ROLE_ORDER = [Role.PROFESSIONAL, Role.LEADER, Role.ADMIN]


@dataclass(frozen=True)
class Held:
    right: str
    scope: str = ""


@dataclass(frozen=True)
class Mapping:
    right: str
    scope: str
    role: str
    department_id: int | None


@dataclass(frozen=True)
class Granted:
    role: str
    department_id: int | None


class UnreadableRights(ValueError):
    pass


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def privileges_from_kombit(value: str) -> list[Held]:
    """The rights in a `Privileges_intermediate` attribute (base64 XML, or the XML itself)."""
    text = value.strip()
    if not text.startswith("<"):
        try:
            text = base64.b64decode(text, validate=False).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as error:
            raise UnreadableRights("The privileges are not base64 XML.") from error
    try:
        root = ElementTree.fromstring(text)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise UnreadableRights("The privileges are not XML.") from error
    if _local(root.tag) != "PrivilegeList":
        raise UnreadableRights("The privileges have no PrivilegeList.")
    held = []
    for group in root:
        if _local(group.tag) != "PrivilegeGroup":
            continue
        scope = (group.get("Scope") or "").strip()
        for privilege in group:
            if _local(privilege.tag) == "Privilege" and (privilege.text or "").strip():
                held.append(Held(right=privilege.text.strip(), scope=scope))
    return held


def rights_from_claims(rights: object, scopes: object = None) -> list[Held]:
    """The rights in an OpenID Connect claim (a list or one string), each within every data
    limit in the scope claim, or within none."""

    def as_list(value: object) -> list[str]:
        if isinstance(value, str):
            return [value] if value.strip() else []
        if isinstance(value, list | tuple):
            return [str(v) for v in value if str(v).strip()]
        return []

    limits = as_list(scopes) or [""]
    return [Held(right=r, scope=s) for r in as_list(rights) for s in limits]


def grant(held: list[Held], mappings: list[Mapping]) -> Granted | None:
    """What the held rights give, or None if none of them is mapped (no access)."""
    matched = [
        m
        for m in mappings
        if any(h.right == m.right and (not m.scope or h.scope == m.scope) for h in held)
    ]
    if not matched:
        return None
    role = max((Role(m.role) for m in matched), key=ROLE_ORDER.index)
    department = next((m.department_id for m in matched if m.department_id), None)
    return Granted(role=role.value, department_id=department)
