"""Output models built from values the engine computed itself, without validating them again.

The engine builds a Result per respondent from its own checked values; validating them once
more cost a fifth of ``evaluate``. ``make`` builds a model the way pydantic's
``model_construct`` does, less its alias and default machinery (every field is given), and
converts what validation would have converted: an int given for a float field becomes a
float, so the JSON says ``3.0`` exactly as before. Tests compare the result with validating
its own JSON, and with results recorded before this existed.
"""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_set = object.__setattr__
_new = object.__new__
# BaseModel's slots, set through their descriptors (cheaper than object.__setattr__)
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
_FLOATS: dict[type, tuple[tuple[str, ...], frozenset[str]]] = {}


def _is_float(annotation: Any) -> bool:
    if annotation is float:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return float in typing.get_args(annotation)
    return False


def _fields(cls: type[BaseModel]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The model's float fields and all its field names (once per class)."""
    found = _FLOATS.get(cls)
    if found is None:
        fields = cls.model_fields
        found = _FLOATS[cls] = (
            tuple(name for name, info in fields.items() if _is_float(info.annotation)),
            frozenset(fields),
        )
    return found


def make(cls: type[M], **values: Any) -> M:
    """A ``cls`` holding exactly ``values`` (every field of the model, already valid)."""
    found = _FLOATS.get(cls)
    floats, names = found if found is not None else _fields(cls)
    if values.keys() != names:
        missing, extra = sorted(names - values.keys()), sorted(values.keys() - names)
        raise TypeError(f"{cls.__name__}: missing {missing}, unknown {extra}")
    for name in floats:
        value = values[name]
        if value.__class__ is int:
            values[name] = float(value)
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(names))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


_ALL_SET: dict[type, set[str]] = {}


def built(cls: type[M], values: dict[str, Any]) -> M:
    """``make`` for the hottest models, whose caller writes out every field in the model's
    order with values already of the field's type (floats as floats): nothing is checked
    (tests compare these models with validating their JSON). Every field being set, the
    models of a class share one set of set fields (the models are frozen: pydantic only
    adds to that set on assignment, and copies it for ``model_copy``)."""
    model = _new(cls)
    _set_dict(model, values)
    names = _ALL_SET.get(cls)
    if names is None:
        names = _ALL_SET[cls] = set(cls.model_fields)
    _set_fields(model, names)
    _set_extra(model, None)
    _set_private(model, None)
    return model
