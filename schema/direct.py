"""A query's whole selection resolved in one direct pass, without graphql-core's per-field execution.

graphql-core executes every field through the same machinery: a resolve-info object, the resolver
behind strawberry's wrapper, the awaitable checks, then complete_value's dispatch on the type, each
with its own error handling. For the explorer's documents most of a cache miss went there. Here a
query operation is walked directly: each field's resolver is called as graphql-core would call it
(the same resolve-info, arguments and strawberry wrapper, so permissions and field extensions still
run) — except a resolver that takes only `self` and has no extensions, which the wrapper would only call,
called here directly — and its value completed by a few type checks into plain dicts and lists, with the plain-object
plans of schema/execution.py for objects of leaf fields.

It gives up at the first thing it does not handle exactly as graphql-core would, and the caller then
executes the operation the normal way, from the start: a resolver that raises or returns an awaitable
(DataLoaders), a null where the schema forbids one, a value a scalar refuses, an abstract type that does
not resolve cleanly, @defer or @stream, introspection. Every error is therefore reported by
graphql-core itself, and queries have no side effects, so running the resolvers again changes nothing.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import attrgetter, is_
from typing import Any, Protocol

from graphql import (
    GRAPHQL_MAX_INT, GRAPHQL_MIN_INT, GraphQLAbstractType, GraphQLError, GraphQLID, GraphQLInt, GraphQLInterfaceType,
    GraphQLLeafType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, GraphQLUnionType,
)
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined
from strawberry.types.arguments import convert_argument
from strawberry.types.base import StrawberryMaybe, StrawberryOptional
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE
from strawberry.types.field import StrawberryField
from strawberry.types.fields.resolver import StrawberryResolver

from schema.rows import Rows



class PlainExecutor(Protocol):
    """What a direct pass uses of the execution context it runs for: graphql-core's executor, with the
    plain-object plans of schema/execution.py's PlainObjectExecutor (which imports this module)."""

    schema: Any
    variable_values: Any
    field_resolver: Any
    type_resolver: Any
    hide_suggestions: bool
    _attributes: bool
    _directive_free: bool

    def is_awaitable(self, value: Any) -> Any: ...
    def build_resolve_info(self, field_def: Any, field_nodes: Any, parent_type: Any, path: Any) -> Any: ...
    def collect_subfields(self, return_type: Any, field_details_list: Any) -> Any: ...
    def get_stream_usage(self, field_details_list: Any, path: Any) -> Any: ...
    def _steps(self, return_type: Any, field_details_list: Any) -> Any: ...
    def _complete_plain(self, return_type: Any, steps: Any, source: Any) -> Any: ...
    def _complete_plain_list(self, return_type: Any, steps: Any, sources: Any, typenames: Any = None) -> Any: ...

_TYPENAME = "__typename"
_STRINGS = (GraphQLString, GraphQLID)
_UNPLANNED: Any = object()
# Lists at least this long are completed field by field (a node-link graph's 50 nodes and 200 edges: a tenth
# faster); shorter ones (a story's people) object by object, which costs less than the column passes' set-up.
COLUMNS_FROM = 16


class GiveUp(Exception):
    """The direct pass met something only graphql-core's execution handles exactly; execute normally instead."""


def _close(value: Any) -> None:
    close = getattr(value, "close", None)  # an unawaited coroutine would warn when collected
    if close is not None:
        close()


class _Field:
    """One selected field of a selection on one type, planned once: what to call and what it needs."""

    __slots__ = ("key", "field", "details", "nodes", "get", "call", "has_args", "typename", "leaf", "non_null")

    def __init__(self, key: str, field: Any, details: Any, get: Callable[[Any], Any] | None, typename: bool,
                 call: PlainCall | None = None) -> None:
        self.key, self.field, self.details, self.typename, self.call = key, field, details, typename, call
        self.nodes = [d.node for d in details]
        # The attribute to read (strawberry's basic fields) or the plain method to call: no wrapper, no resolve-info.
        self.get = get
        self.has_args = field is not None and bool(field.args or details[0].node.arguments)
        # A scalar or enum (not a list of them) read by `get`: completed without a path or a resolve-info.
        kind: Any = field.type if field is not None else None
        self.non_null = isinstance(kind, GraphQLNonNull)
        if isinstance(kind, GraphQLNonNull):
            kind = kind.of_type
        self.leaf = kind if get is not None and isinstance(kind, GraphQLLeafType) else None


# Plans of directive-free selections (nothing in them depends on variables), shared across requests.
_PLANS: OrderedDict[tuple[GraphQLObjectType, int, bool], tuple[Any, list[_Field]]] = OrderedDict()
_PLANS_MAX = 4096
_PLANS_LOCK = threading.Lock()


def _plan(parent_type: GraphQLObjectType, grouped_field_set: Any, attributes: bool, root: bool,
          handlers: bool, converter: Any = None) -> list[_Field]:
    plan: list[_Field] = []
    for key, details in grouped_field_set.items():
        name = details[0].node.name.value
        if name.startswith("__"):
            if name != _TYPENAME or root:
                raise GiveUp  # introspection
            plan.append(_Field(key, None, details, None, True))
            continue
        call: PlainCall | None = None
        field = parent_type.fields.get(name)
        if field is None:
            continue  # graphql-core leaves it out too (validation refuses it first)
        get: Callable[[Any], Any] | None = None
        definition = field.extensions.get("strawberry-definition")
        if attributes and getattr(field.resolve, "_is_default", False):
            python_name = getattr(definition, "python_name", None)
            get = attrgetter(python_name) if isinstance(python_name, str) else None
        elif not handlers:
            get = _plain_method(definition)
            call = _plain_call(definition, converter) if get is None and converter is not None else None
        plan.append(_Field(key, field, details, get, False, call))
    return plan


# (source, graphql-core's resolve-info, the field's arguments by GraphQL name) -> the resolver's value
PlainCall = Callable[[Any, Any, dict[str, Any]], Any]
_AS_IS = (str, int, float, bool)  # arguments strawberry hands over unconverted (and None, and UNSET)


# Made once per field definition and converter: a root field's plan is made again on every request.
_CALLS: dict[tuple[int, int], tuple[Any, Any, PlainCall | None]] = {}
_CALLS_MAX = 4096


def _plain_call(definition: Any, converter: Any) -> PlainCall | None:
    """`_make_plain_call`'s answer, kept per field definition and converter."""
    known = _CALLS.get((id(definition), id(converter)))
    if known is not None and known[0] is definition and known[1] is converter:
        return known[2]
    call = _make_plain_call(definition, converter)
    if len(_CALLS) >= _CALLS_MAX:
        _CALLS.clear()  # schemas made again and again (tests): start over rather than grow
    _CALLS[(id(definition), id(converter))] = (definition, converter, call)  # both kept: their ids stay their own
    return call


def _make_plain_call(definition: Any, converter: Any) -> PlainCall | None:
    """The call strawberry's wrapper would make for a synchronous method resolver without field extensions (a root
    field's: the neighbourhood's), made without the wrapper: its `Info`, the arguments under their Python names
    (str, int, float and bool ones as they are, others by strawberry's own `convert_argument`), `self` first.
    The wrapper's generic argument conversion and chain of partials were ~5 % of a neighbourhood miss."""
    resolver = getattr(definition, "base_resolver", None)
    if resolver is None or definition.extensions or type(definition).get_result is not StrawberryField.get_result:
        return None
    try:
        info_parameter = resolver.info_parameter
        if (resolver.self_parameter is None or resolver.is_async or resolver.root_parameter is not None
                or resolver.parent_parameter is not None or type(resolver).__call__ is not StrawberryResolver.__call__):
            return None
        name_of = converter.config.name_converter.from_argument
        arguments = [(name_of(a), a.python_name, _as_is(a.type), a.type) for a in definition.arguments]
        if len(resolver.signature.parameters) != 1 + (info_parameter is not None) + len(arguments):
            return None
        func, info_class, info_name = resolver.wrapped_func, converter.config.info_class, getattr(info_parameter, "name", None)
        registry, config = converter.scalar_registry, converter.config
    except Exception:  # a resolver strawberry itself could not inspect: leave it to strawberry
        return None
    if not callable(func):
        return None

    def call(source: Any, info: Any, values: dict[str, Any]) -> Any:
        strawberry_info = info_class(_raw_info=info, _field=definition)
        kwargs: dict[str, Any] = {}
        for name, python_name, as_is, kind in arguments:
            if name in values:
                value = values[name]
                kwargs[python_name] = value if as_is else convert_argument(value, kind, registry, config, strawberry_info,
                                                                           path=(name,))
        if info_name is not None:
            kwargs[info_name] = strawberry_info
        return func(source, **kwargs)
    return call


def _as_is(kind: Any) -> bool:
    """Whether strawberry's `convert_argument` returns a value of this argument type unchanged."""
    if isinstance(kind, StrawberryOptional) and not isinstance(kind, StrawberryMaybe):
        kind = kind.of_type
    return kind in _AS_IS


def _plain_method(definition: Any) -> Callable[[Any], Any] | None:
    """The resolver function of a field whose resolver takes only `self` (no info, no arguments), runs
    synchronously and has no field extensions (permissions are extensions): strawberry's wrapper around it
    would only convert no arguments and call `resolver(source)`, so the direct pass calls it itself (a story's
    `people` and `themes`: a fifth of a stories page went to the wrapper and the resolve-info it builds)."""
    resolver = getattr(definition, "base_resolver", None)
    if resolver is None or definition.extensions or definition.arguments:
        return None
    try:
        plain = (resolver.self_parameter is not None and not resolver.is_async and not resolver.arguments
                 and resolver.info_parameter is None and resolver.root_parameter is None
                 and resolver.parent_parameter is None and len(resolver.signature.parameters) == 1)
    except Exception:  # a resolver strawberry itself could not inspect: leave it to strawberry
        return None
    func = resolver.wrapped_func
    return func if plain and callable(func) else None


def _shared_plan(plans: list[list[Any]]) -> list[Any] | None:
    """The first of these plain plans (schema/execution.py's steps) when every one reads the same attributes as the
    same leaf types under the same keys, so only `__typename` tells their types apart (a node-link graph's people,
    organizations and places, asked their names); else None."""
    def shape(steps: list[Any]) -> list[tuple[Any, ...]]:
        return [(key, kind, non_null, items, name, get is None) for key, _, kind, non_null, items, get, name in steps]
    first = shape(plans[0])
    return plans[0] if all(shape(steps) == first for steps in plans[1:]) else None


def _exception_handlers(schema: Any) -> bool:
    """Whether strawberry may turn a resolver's exception into a result (its exception handlers): then every
    resolver goes through its wrapper."""
    converter = getattr(getattr(schema, "_strawberry_schema", None), "schema_converter", None)
    return bool(getattr(converter, "_exception_handler_specs", ()))


def _leaf(kind: GraphQLLeafType, non_null: bool, value: Any) -> Any:
    """A scalar or enum value completed as `DirectPass.complete` completes it (strings and 32-bit ints, nearly
    every one, by a type check)."""
    if type(value) is str and kind in _STRINGS:
        return value  # what String and ID give a str back as
    if type(value) is int and kind is GraphQLInt and GRAPHQL_MIN_INT <= value <= GRAPHQL_MAX_INT:
        return value
    if isinstance(value, Exception):
        raise GiveUp
    if value is None or value is Undefined:
        if non_null:
            raise GiveUp
        return None
    return _coerced(kind, value)


def _coerced(kind: GraphQLLeafType, value: Any) -> Any:
    """A leaf value as its type serializes it; GiveUp when it cannot (graphql-core then says why)."""
    try:
        coerced = kind.coerce_output_value(value)
    except Exception:
        raise GiveUp from None
    if coerced is Undefined or coerced is None:
        raise GiveUp
    return coerced


class _Made:
    """A resolve-info already built (for the resolver that was called), handed on as `_Info` is."""

    __slots__ = ("info",)

    def __init__(self, info: Any) -> None:
        self.info = info

    def __call__(self) -> Any:
        return self.info


class _Info:
    """The resolve-info of a field read without a resolver call, built only if a check needs it: a list's
    is_type_of and runtime type are decided once per class and request, so most lists never need one."""

    __slots__ = ("owner", "step", "parent_type", "path", "info")

    def __init__(self, owner: DirectPass, step: _Field, parent_type: GraphQLObjectType, path: Path) -> None:
        self.owner, self.step, self.parent_type, self.path, self.info = owner, step, parent_type, path, None

    def __call__(self) -> Any:
        if self.info is None:
            self.info = self.owner._info(self.step, self.parent_type, self.path)
        return self.info


InfoOf = Callable[[], Any]


class DirectPass:
    """One operation's direct execution on behalf of `executor` (see the module docstring)."""

    def __init__(self, executor: PlainExecutor) -> None:
        self.executor = executor
        self.schema = executor.schema
        self.attributes = executor._attributes
        self.shared = executor._directive_free
        self.handlers = _exception_handlers(self.schema)
        self.converter = getattr(getattr(self.schema, "_strawberry_schema", None), "schema_converter", None)
        self.plans: dict[int, tuple[Any, list[_Field]]] = {}
        self.collected: dict[tuple[GraphQLObjectType, int], tuple[Any, Any]] = {}  # sub-selections, per selection and type
        self.arguments: dict[int, tuple[Any, dict[str, Any]]] = {}  # per field selection, for this request's variables
        self.check_stream = not executor._directive_free
        # Runtime types (and is_type_of answers) by class: strawberry decides them from the class alone unless
        # the object was cast (strawberry.cast), and a neighbourhood resolves fifty nodes of a few classes.
        self.runtime: dict[tuple[GraphQLAbstractType, type], GraphQLObjectType] = {}
        self.type_checked: set[tuple[GraphQLObjectType, type]] = set()

    def _plan(self, parent_type: GraphQLObjectType, grouped_field_set: Any, root: bool) -> list[_Field]:
        known = self.plans.get(id(grouped_field_set))
        if known is not None and known[0] is grouped_field_set:
            return known[1]
        key = (parent_type, id(grouped_field_set), self.attributes)
        if self.shared and not root:
            with _PLANS_LOCK:
                shared = _PLANS.get(key)
            if shared is not None and shared[0] is grouped_field_set:
                return shared[1]
        plan = _plan(parent_type, grouped_field_set, self.attributes, root, self.handlers, self.converter)
        self.plans[id(grouped_field_set)] = (grouped_field_set, plan)  # kept, so its id stays its own
        if self.shared and not root:
            with _PLANS_LOCK:
                _PLANS[key] = (grouped_field_set, plan)
                while len(_PLANS) > _PLANS_MAX:
                    _PLANS.popitem(last=False)
        return plan

    def fields(self, parent_type: GraphQLObjectType, source: Any, path: Path | None, grouped_field_set: Any) -> dict[str, Any]:
        """Every selected field of one object, in the response's order."""
        out: dict[str, Any] = {}
        for step in self._plan(parent_type, grouped_field_set, path is None):
            if step.typename:
                out[step.key] = parent_type.name
                continue
            if step.get is not None:
                try:
                    value = step.get(source)
                except Exception:
                    raise GiveUp from None
                if step.leaf is not None:
                    out[step.key] = _leaf(step.leaf, step.non_null, value)
                    continue
                field_path = Path(path, step.key, parent_type.name)
                out[step.key] = self.complete(step.field.type, step, parent_type, _Info(self, step, parent_type, field_path),
                                              field_path, value)
            else:
                out[step.key] = self.field(parent_type, step, source, Path(path, step.key, parent_type.name))
        return out

    def _args(self, step: _Field) -> dict[str, Any]:
        if not step.has_args:
            return {}
        details = step.details
        known = self.arguments.get(id(details))
        if known is None or known[0] is not details:
            executor = self.executor
            first = details[0]
            try:
                values = get_argument_values(step.field, first.node, executor.variable_values,
                                             first.fragment_variable_values, executor.hide_suggestions)
            except GraphQLError:
                raise GiveUp from None
            known = self.arguments[id(details)] = (details, values)  # the list is kept, so its id stays its own
        return known[1]

    def _info(self, step: _Field, parent_type: GraphQLObjectType, path: Path) -> Any:
        return self.executor.build_resolve_info(step.field, step.nodes, parent_type, path)

    def field(self, parent_type: GraphQLObjectType, step: _Field, source: Any, path: Path) -> Any:
        executor = self.executor
        info = self._info(step, parent_type, path)
        resolve = step.field.resolve or executor.field_resolver
        try:
            value = resolve(source, info, **self._args(step)) if step.call is None else step.call(source, info, self._args(step))
        except GiveUp:
            raise
        except Exception:
            raise GiveUp from None
        if executor.is_awaitable(value):
            _close(value)
            raise GiveUp
        return self.complete(step.field.type, step, parent_type, _Made(info), path, value)

    def complete(self, kind: Any, step: _Field, parent_type: GraphQLObjectType, info: InfoOf, path: Path, value: Any) -> Any:
        if isinstance(value, Exception):
            raise GiveUp
        if isinstance(kind, GraphQLNonNull):
            completed = self.complete(kind.of_type, step, parent_type, info, path, value)
            if completed is None:
                raise GiveUp
            return completed
        if value is None or value is Undefined:
            return None
        if isinstance(kind, GraphQLList):
            if not isinstance(value, (list, tuple, Rows)) or (self.check_stream
                                                         and self.executor.get_stream_usage(step.details, path) is not None):
                raise GiveUp
            inner = kind.of_type
            plain = self._plain_list(inner, step, info, path, value)
            if plain is not None:
                return plain
            return [self.complete(inner, step, parent_type, info, path.add_key(i, None), item)
                    for i, item in enumerate(value)]
        if isinstance(kind, GraphQLLeafType):
            return _coerced(kind, value)
        if isinstance(kind, (GraphQLInterfaceType, GraphQLUnionType)):
            kind = self._runtime_type(kind, info, value)
        if not isinstance(kind, GraphQLObjectType):
            raise GiveUp
        return self.object(kind, step.details, info, path, value)

    def _plain_list(self, inner: Any, step: _Field, info: InfoOf, path: Path,
                    items: Sequence[Any]) -> list[Any] | None:
        """A list of objects in one loop: each of plain leaf fields (entities, edges) by its plan, others (a
        node-link graph's nodes of another type) the long way; None when the list's type is not plain at all."""
        non_null = isinstance(inner, GraphQLNonNull)
        declared = inner.of_type if non_null else inner
        abstract = isinstance(declared, (GraphQLInterfaceType, GraphQLUnionType))
        if not abstract and not isinstance(declared, GraphQLObjectType):
            return None
        executor = self.executor
        plans: dict[GraphQLObjectType, list[Any] | None] = {}
        whole = self._plain_columns(declared, abstract, step, info, items, plans)
        if whole is not None:
            return whole
        out: list[dict[str, Any] | None] = []
        checked = self.type_checked
        for i, item in enumerate(items):
            if item is None:
                if non_null:
                    raise GiveUp
                out.append(None)
                continue
            kind = self._runtime_type(declared, info, item) if abstract else declared
            steps = plans.get(kind, _UNPLANNED)
            if steps is _UNPLANNED:
                steps = plans[kind] = executor._steps(kind, step.details)
            if steps is None:
                if not abstract:
                    return None  # not a list of plain objects (decided at its first item): the long way
                out.append(self.object(kind, step.details, info, path.add_key(i, None), item))
                continue
            if kind.is_type_of is not None and ((kind, type(item)) not in checked
                                                or getattr(item, TYPE_CAST_ATTRIBUTE, None) is not None):
                self._check_type(kind, info, item)
            plain = executor._complete_plain(kind, steps, item)
            if plain is None:
                raise GiveUp
            out.append(plain)
        return out

    def _plain_columns(self, declared: Any, abstract: bool, step: _Field, info: InfoOf, items: Sequence[Any],
                       plans: dict[GraphQLObjectType, list[Any] | None]) -> list[Any] | None:
        """The list completed field by field over all its items (schema/execution.py's `_complete_plain_list`)
        when every item is an object, none cast, whose type's selection is plain; else None (item by item)."""
        executor = self.executor
        if isinstance(items, Rows):
            return self._plain_rows(declared, abstract, step, info, items, plans)
        if len(items) < COLUMNS_FROM:
            return None
        if not abstract:
            steps = plans.get(declared, _UNPLANNED)
            if steps is _UNPLANNED:
                steps = plans[declared] = executor._steps(declared, step.details)
            if steps is None:
                return None  # not plain (a story's nested fields): item by item, without the passes below
        if any(map(is_, items, repeat(None))) or set(map(getattr, items, repeat(TYPE_CAST_ATTRIBUTE), repeat(None))) != {None}:
            return None
        by_class: dict[type, tuple[GraphQLObjectType, list[Any]]] = {}
        for cls in set(map(type, items)):
            first = next(item for item in items if type(item) is cls)
            kind = self._runtime_type(declared, info, first) if abstract else declared
            steps = plans.get(kind, _UNPLANNED)
            if steps is _UNPLANNED:
                steps = plans[kind] = executor._steps(kind, step.details)
            if steps is None:
                return None
            if kind.is_type_of is not None and (kind, cls) not in self.type_checked:
                self._check_type(kind, info, first)
            by_class[cls] = (kind, steps)
        if len(by_class) == 1:
            kind, steps = next(iter(by_class.values()))
            return executor._complete_plain_list(kind, steps, items)
        shared = _shared_plan([steps for _, steps in by_class.values()])
        if shared is not None:  # one pass over the whole list, each item's own __typename
            names = {cls: kind.name for cls, (kind, _) in by_class.items()}
            kind = next(iter(by_class.values()))[0]
            return executor._complete_plain_list(kind, shared, items, [names[type(item)] for item in items])
        positions: dict[type, list[int]] = {cls: [] for cls in by_class}
        for i, item in enumerate(items):
            positions[type(item)].append(i)
        out: list[Any] = [None] * len(items)
        for cls, (kind, steps) in by_class.items():
            at = positions[cls]
            completed = executor._complete_plain_list(kind, steps, [items[i] for i in at])
            if completed is None:
                return None
            for i, answer in zip(at, completed):
                out[i] = answer
        return out

    def _plain_rows(self, declared: Any, abstract: bool, step: _Field, info: InfoOf, items: Rows[Any],
                    plans: dict[GraphQLObjectType, list[Any] | None]) -> list[Any] | None:
        """A `Rows` completed from its columns (all its objects are of one class, none None or cast, so one of
        them, made alone, decides the type): no object is made for the others."""
        if not items:
            return []
        first = items.one(0)
        kind = self._runtime_type(declared, info, first) if abstract else declared
        steps = plans.get(kind, _UNPLANNED)
        if steps is _UNPLANNED:
            steps = plans[kind] = self.executor._steps(kind, step.details)
        if steps is None:
            return None
        if kind.is_type_of is not None and (kind, items.cls) not in self.type_checked:
            self._check_type(kind, info, first)
        return self.executor._complete_plain_list(kind, steps, items)

    def _check_type(self, kind: GraphQLObjectType, info: InfoOf, value: Any) -> None:
        """What graphql-core checks before completing an object: its is_type_of, remembered per class."""
        assert kind.is_type_of is not None
        try:
            matches = kind.is_type_of(value, info())
        except Exception:
            raise GiveUp from None
        if matches is not True:
            if self.executor.is_awaitable(matches):
                _close(matches)
            raise GiveUp
        if getattr(value, TYPE_CAST_ATTRIBUTE, None) is None:
            self.type_checked.add((kind, type(value)))

    def _runtime_type(self, kind: GraphQLAbstractType, info: InfoOf, value: Any) -> GraphQLObjectType:
        memo = None if getattr(value, TYPE_CAST_ATTRIBUTE, None) is not None else (kind, type(value))
        if memo is not None:
            known = self.runtime.get(memo)
            if known is not None:
                return known
        executor = self.executor
        resolve_type = kind.resolve_type or executor.type_resolver
        try:
            name = resolve_type(value, info(), kind)
        except Exception:
            raise GiveUp from None
        if executor.is_awaitable(name):
            _close(name)
            raise GiveUp
        runtime = self.schema.get_type(name) if isinstance(name, str) else None
        if not isinstance(runtime, GraphQLObjectType) or not self.schema.is_sub_type(kind, runtime):
            raise GiveUp
        if memo is not None:
            self.runtime[memo] = runtime
        return runtime

    def object(self, kind: GraphQLObjectType, details: Any, info: InfoOf, path: Path, value: Any) -> dict[str, Any]:
        executor = self.executor
        if kind.is_type_of is not None and ((kind, type(value)) not in self.type_checked
                                            or getattr(value, TYPE_CAST_ATTRIBUTE, None) is not None):
            self._check_type(kind, info, value)
        steps = executor._steps(kind, details)
        if steps is not None:
            plain = executor._complete_plain(kind, steps, value)
            if plain is None:
                raise GiveUp
            return plain
        known = self.collected.get((kind, id(details)))
        if known is None or known[0] is not details:
            collected = executor.collect_subfields(kind, details)
            if collected.new_defer_usages or collected.forbidden_directive_instances:
                raise GiveUp
            known = self.collected[(kind, id(details))] = (details, collected.grouped_field_set)  # kept: ids stay theirs
        return self.fields(kind, value, path, known[1])
