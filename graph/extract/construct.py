"""Frozen slotted records built without the frozen dataclass's toll, for the objects made once per mention."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, cast


def builder(cls: type) -> Callable:
    """A function taking `cls`'s fields (in order, with their defaults) that builds an instance equal to
    `cls(...)`. A frozen dataclass's __init__ sets each field through object.__setattr__, about half the cost
    of a story's Mentions and Links. Here the fields are set on an instance of a plain twin class with the same
    slots (plain attribute stores, the interpreter's fastest), which then becomes a `cls`: Python allows
    changing an object's __class__ between classes of one layout, and the object is from then on exactly what
    `cls(...)` makes (equal, hashed, frozen, pickled alike). `cls` itself when it is not a slotted dataclass of
    plain fields (no __post_init__, no default factories), so nothing changes silently. The twin is made by calling
    it (object's tp_new and tp_init, no arguments), not by `object.__new__(twin)`, whose builtin wrapper packs an
    argument tuple, checks the type against its base and slices the tuple: ~300 instructions a record more."""
    fields = dataclasses.fields(cls)
    names = tuple(f.name for f in fields)
    if (getattr(cls, "__slots__", None) != names or hasattr(cls, "__post_init__")
            or any(f.default_factory is not dataclasses.MISSING or not f.init for f in fields)):
        return cls
    twin = type(f"_Unfrozen{cls.__name__}", (), {"__slots__": names})
    namespace: dict[str, Any] = {"_cls": cls, "_twin": twin}
    params = []
    for f in fields:
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    record.{n} = {n}\n" for n in names)
    source = f"def build({', '.join(params)}):\n    record = _twin()\n{body}    record.__class__ = _cls\n    return record\n"
    exec(source, namespace)  # noqa: S102 - generated from the dataclass's own field names, as dataclasses does
    build = cast("Callable[..., Any]", namespace["build"])
    try:
        build(*(None for f in fields if f.default is dataclasses.MISSING))
    except TypeError:  # a layout the twin does not share (a base class with slots of its own): the plain way
        return cls
    return build
