"""The mapping from an identity provider's rights to a role and a department, on plain data."""

import base64

import pytest

from enplan.core.models import Role
from enplan.sso.rights import (
    Held,
    Mapping,
    UnreadableRights,
    grant,
    privileges_from_kombit,
    rights_from_claims,
)
from enplan.sso.tests.saml_idp import privileges

CASEWORK = "http://enplan.dk/roles/usersystemrole/sagsbehandler/1"
MAPPINGS = [
    Mapping(right=CASEWORK, scope="urn:unit:job", role=Role.PROFESSIONAL, department_id=1),
    Mapping(right=CASEWORK, scope="urn:unit:health", role=Role.PROFESSIONAL, department_id=2),
    Mapping(right="leader", scope="", role=Role.LEADER, department_id=None),
    Mapping(right="admin", scope="", role=Role.ADMIN, department_id=None),
]


def test_kombits_privilege_groups_become_rights_within_their_data_limit():
    value = privileges(("urn:unit:job", [CASEWORK, "leader"]), ("urn:unit:health", [CASEWORK]))
    assert privileges_from_kombit(value) == [
        Held(CASEWORK, "urn:unit:job"),
        Held("leader", "urn:unit:job"),
        Held(CASEWORK, "urn:unit:health"),
    ]


def test_the_privileges_may_come_as_plain_xml():
    xml = base64.b64decode(privileges(("s", ["r"]))).decode()
    assert privileges_from_kombit(xml) == [Held("r", "s")]


@pytest.mark.parametrize(
    "value", ["bm90IHhtbA==", "<Other/>", "%%%", "<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>"]
)
def test_unreadable_privileges_are_refused_not_guessed(value):
    with pytest.raises(UnreadableRights):
        privileges_from_kombit(value)


def test_a_right_within_its_data_limit_gives_that_department():
    assert grant([Held(CASEWORK, "urn:unit:health")], MAPPINGS).department_id == 2


def test_a_right_outside_every_mapped_data_limit_gives_nothing():
    assert grant([Held(CASEWORK, "urn:unit:elsewhere")], MAPPINGS) is None


def test_the_highest_role_wins_and_the_first_department():
    granted = grant([Held("leader"), Held(CASEWORK, "urn:unit:job"), Held("admin")], MAPPINGS)
    assert granted.role == Role.ADMIN
    assert granted.department_id == 1


def test_no_rights_give_nothing():
    assert grant([], MAPPINGS) is None


def test_entra_roles_come_as_a_list_or_one_string_within_each_data_limit():
    assert rights_from_claims(["a", "b"]) == [Held("a"), Held("b")]
    assert rights_from_claims("a", ["x", "y"]) == [Held("a", "x"), Held("a", "y")]
    assert rights_from_claims(None) == []
    assert rights_from_claims(42) == []
