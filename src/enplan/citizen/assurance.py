"""The NSIS assurance levels (Lav, Betydelig, Høj) and how an identity provider names them.

The Danish national standard for identity assurance (NSIS) grades a login as Low,
Substantial or High. A citizen's plan holds health and social data, so Én plan asks for at
least Substantial (*Betydelig*), as the Agency for Digital Government requires for
sensitive personal data. Providers name the levels differently: NemLog-in and most
brokers send the NSIS URI (`https://data.gov.dk/concept/core/nsis/loa/Substantial`),
some a bare word (`SUBSTANTIAL`), some an eIDAS or broker URN ending in the level
(`urn:eident:cert:eidas:substantial`). All of them end in the level's name, which is
what is read here. The same reading serves the OpenID Connect broker (`mitid.py`) and a
SAML login through NemLog-in alike.
"""

import enum
import re


class NSISLevel(enum.IntEnum):
    LOW = 1  # Lav
    SUBSTANTIAL = 2  # Betydelig
    HIGH = 3  # Høj


REQUIRED_LEVEL = NSISLevel.SUBSTANTIAL

WORDS = {
    "low": NSISLevel.LOW,
    "lav": NSISLevel.LOW,
    "substantial": NSISLevel.SUBSTANTIAL,
    "betydelig": NSISLevel.SUBSTANTIAL,
    "high": NSISLevel.HIGH,
    "hoej": NSISLevel.HIGH,
    "høj": NSISLevel.HIGH,
}


def level_of(value: object) -> NSISLevel | None:
    """The level a provider's claim or attribute names, or None if it names none."""
    if not isinstance(value, str) or not value.strip():
        return None
    last = re.split(r"[/:#]", value.strip().rstrip("/"))[-1]
    return WORDS.get(last.lower())


def is_enough(value: object) -> bool:
    level = level_of(value)
    return level is not None and level >= REQUIRED_LEVEL
