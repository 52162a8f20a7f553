"""Building blocks shared by every file format: strict base model, ids, localised text."""

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

# Ids are what answers files, conditions and catalogues refer to: keep them simple enough to
# be a name in a show-if expression (letters, digits, underscore; not starting with a digit).
ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=64)]

# Option values: what an answers file stores. Looser than ids (hyphens and digits first allowed),
# because survey exports and existing code lists use such codes.
OPTION_VALUE_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$"
OptionValue = Annotated[
    str, StringConstraints(pattern=OPTION_VALUE_PATTERN, min_length=1, max_length=64)
]

# Language tags as in BCP 47, kept to what packs use: "en", "zh", "zh-Hant", "pt-BR".
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
LanguageTag = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]

SEMVER_PATTERN = (
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$"
)
SemVer = Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]

NA = "n/a"
UNKNOWN = "unknown"
RESERVED_VALUES = frozenset({NA, UNKNOWN})


class PartlyKnown(list[str]):
    """A multiple-choice answer some of whose options were never asked (an answer given for
    a version of the pack before they were added, a table with no column for them): the
    ticked options, and ``unknown``, those the firm could not tick. Whether an unknown option
    holds is unknown, not false: a condition on one reads as on an unanswered question
    (``'x' in answer`` and ``'x' not in answer`` are both false). Otherwise a list."""

    __slots__ = ("unknown",)

    def __init__(self, ticked: list[str], unknown: frozenset[str]) -> None:
        super().__init__(ticked)
        self.unknown = unknown

    def decides(self, option: object) -> bool:
        """Whether the answer says if ``option`` is ticked."""
        return option not in self.unknown


def _check_text(value: Any) -> Any:
    """Give one clear message for a wrong kind of text, instead of one per union member."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key, text in value.items():
            if not isinstance(key, str) or not isinstance(text, str):
                raise ValueError(
                    "localised text maps a language tag to a string, e.g. {en: Yes, zh: 是}"
                )
        return value
    raise ValueError("expected text: a string, or a mapping of language tag to string")


LocalizedText = Annotated[
    str | dict[LanguageTag, str],
    BeforeValidator(_check_text),
    Field(
        description=(
            "Text a person reads: a plain string (the same in every language) or a mapping "
            "from language tag to text, e.g. {en: Equipment, zh: 设备}."
        )
    ),
]


def text_for(text: str | dict[str, str] | None, lang: str, fallback: str | None = None) -> str:
    """Pick the text for ``lang`` (then ``fallback``, then any) from a localised text."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for candidate in (lang, fallback):
        if candidate and candidate in text:
            return text[candidate]
    base = lang.split("-")[0]
    for key, value in text.items():
        if key.split("-")[0] == base:
            return value
    return next(iter(text.values()), "")


class StrictModel(BaseModel):
    """Base for every file-format model: unknown keys are errors, models are immutable."""

    # strict: YAML 1.2 keeps `yes` a string, so `integer: yes` must be an error, not True.
    # allow_inf_nan=False: `.inf` and `.nan` are YAML floats, but a weight, score or bound
    # that is not finite turns every score into NaN.
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, allow_inf_nan=False, defer_build=True
    )
