"""Furesø Kommune's staircase towards education and work, shipped as every municipality's
default step model. The wording is the municipality's data, so it is stored in Danish."""

from typing import TypedDict


class DefaultModel(TypedDict):
    name: str
    description: str
    steps: list[tuple[str, str, int | None]]  # name, description, maximum days


FURESOE_MODEL: DefaultModel = {
    "name": "Job og uddannelse (Furesø-modellen)",
    "description": (
        "Tre trin fra afklaring til uddannelse eller job. Alle afdelinger registrerer "
        "borgerens trin, så styregruppen kan følge progressionen samlet."
    ),
    "steps": [
        (
            "Afklaring og stabilisering",
            "Inden for højst 6 måneder er borgeren i stand til at starte i praktik eller "
            "brobygning til uddannelse, fx gennem lægelig udredning, behandling eller "
            "rehabilitering.",
            183,
        ),
        (
            "Praktik eller brobygning",
            "Inden for 3–6 måneder afprøver borgeren en praktik eller et brobygningsforløb.",
            183,
        ),
        (
            "Uddannelse eller job",
            "3 måneder senere er borgeren i uddannelse, ordinært job, fleksjob eller lignende.",
            None,
        ),
    ],
}
