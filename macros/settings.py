"""The site's own settings in mkdocs.yml's `extra`, each checked once, with a one-line error."""

from dataclasses import dataclass

from .domain.errors import TrainingError

EMERGENCY_SETTING = "emergency"


@dataclass(frozen=True)
class EmergencyInstruction:
    """What staff do in an emergency: the company's instruction, not the course's.

    The course does not cover a threat of self-harm, a weapon, a fight, a robbery,
    someone collapsing or a fire. When a query names one (the words of
    training.yml's `vocabulary.emergency`), 话术速查 and site search show this
    first, above any card.
    """

    title: str
    text: str
    source: str  # who gives the instruction, shown with it (公司规定, not 课程)

    def as_data(self) -> dict:
        return {"title": self.title, "text": self.text, "source": self.source}


def emergency_instruction(extra: dict) -> EmergencyInstruction:
    where = f"mkdocs.yml: extra.{EMERGENCY_SETTING}"
    settings = extra.get(EMERGENCY_SETTING)
    if not isinstance(settings, dict):
        raise TrainingError(f"{where} must give the company's emergency instruction (title, text, source)")
    values = {}
    for key in ("title", "text", "source"):
        value = settings.get(key)
        if not isinstance(value, str) or not value.strip():
            raise TrainingError(f"{where}.{key} must be a text (the company's emergency instruction)")
        values[key] = value.strip()
    return EmergencyInstruction(**values)
