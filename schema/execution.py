"""Strawberry's executor, completing objects whose selections are all plain leaf fields as one dict each.

graphql-core completes every field of every object on its own: a resolve-info object, a path, the
resolver call and the null and type checks, about twenty Python calls per field. A node-link graph
of 250 objects with three fields each spent most of its time there. Here an object whose selected
fields are all plain attributes (strawberry's basic fields: no resolver, no arguments, no
extensions) of scalar or enum type, or lists of them, is completed in one pass by a plan made once per
selection (and kept across requests, with graphql-core's collection of that selection, for documents
without directives, where nothing depends on variables). Anything else (a resolver, an argument, a nested object,
@defer, a field middleware, a null where the schema forbids it, a value the scalar refuses) takes
graphql-core's own path, which reports errors exactly as before.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import attrgetter
from typing import Any, cast

from graphql import GRAPHQL_MAX_INT, GRAPHQL_MIN_INT, GraphQLID, GraphQLInt, GraphQLLeafType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, is_leaf_type
from graphql.pyutils import Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.direct import DirectPass, GiveUp
from schema.rows import Rows

# One selected field: (response key, resolver, leaf type, non-null, list of: None | non-null items, and the
# attribute getter and name when the field is a plain attribute, for reading a whole list's column at once).
_Step = tuple[str, Callable[..., Any] | None, GraphQLLeafType | None, bool, bool | None, Callable[[Any], Any] | None,
              str | None]
_TYPENAME = "__typename"
_NOT_PLAIN = object()
_STRINGS = (GraphQLString, GraphQLID)
# Sub-field collections of directive-free documents, shared across requests (see collect_subfields).
_COLLECTED: OrderedDict[tuple[GraphQLObjectType, tuple[int, ...]], tuple[tuple[Any, ...], Any]] = OrderedDict()
_COLLECTED_MAX = 4096
# Their plain plans, by the collection (kept alive with its plan, so its id stays its own).
_PLANS: OrderedDict[tuple[GraphQLObjectType, int, bool], tuple[Any, list[_Step] | None]] = OrderedDict()
_COLLECTED_LOCK = threading.Lock()


def _reader(field: Any, attributes: bool) -> tuple[Callable[[Any, Any], Any], Callable[[Any], Any] | None, str | None]:
    """How to read a basic field from its object: the attribute itself when strawberry would only getattr it
    (then also that attribute's getter and name), else its resolver."""
    definition = field.extensions.get("strawberry-definition") if attributes else None
    name = getattr(definition, "python_name", None)
    if not isinstance(name, str):
        return cast(Callable[[Any, Any], Any], field.resolve), None, None
    get = attrgetter(name)
    return (lambda source, _info: get(source)), get, name


def _plan(return_type: GraphQLObjectType, grouped_field_set: Any, attributes: bool) -> list[_Step] | None:
    """How to complete an object of `return_type` for these selections, or None when one is not plain."""
    steps: list[_Step] = []
    for key, details in grouped_field_set.items():
        node = details[0].node
        if any(d.defer_usage is not None or d.fragment_variable_values is not None or d.node.arguments
               or d.node.selection_set is not None for d in details):
            return None
        name = node.name.value
        if name == _TYPENAME:
            steps.append((key, None, None, True, None, None, None))
            continue
        field = return_type.fields.get(name)
        if field is None or not getattr(field.resolve, "_is_default", False):
            return None
        kind, non_null, items = field.type, False, None
        if isinstance(kind, GraphQLNonNull):
            kind, non_null = kind.of_type, True
        if isinstance(kind, GraphQLList):
            kind, items = kind.of_type, False
            if isinstance(kind, GraphQLNonNull):
                kind, items = kind.of_type, True
        if not is_leaf_type(kind):
            return None
        resolve, get, python_name = _reader(field, attributes)
        steps.append((key, resolve, kind, non_null, items, get, python_name))
    return steps


def _leaf(kind: GraphQLLeafType, value: Any, non_null: bool) -> Any:
    if value is None:
        return _NOT_PLAIN if non_null else None
    if type(value) is str and kind in _STRINGS:
        return value  # what String and ID give a str back as
    if type(value) is int and kind is GraphQLInt and GRAPHQL_MIN_INT <= value <= GRAPHQL_MAX_INT:
        return value  # what Int gives a 32-bit int back as
    coerced = kind.coerce_output_value(value)
    return coerced if coerced is not None and coerced is not Undefined else _NOT_PLAIN


def _column(kind: GraphQLLeafType, values: list[Any], non_null: bool) -> list[Any] | None:
    """One leaf field of every object of a list, completed at once as `_leaf` would each value; None when one is
    not plain. Strings and 32-bit ints (nearly every column) are checked with a few C-level passes."""
    types = set(map(type, values))
    if kind in _STRINGS and types == {str}:
        return values
    if kind is GraphQLInt and types == {int} and GRAPHQL_MIN_INT <= min(values) and max(values) <= GRAPHQL_MAX_INT:
        return values
    completed = [_leaf(kind, value, non_null) for value in values]
    return None if any(value is _NOT_PLAIN for value in completed) else completed


# Row makers by response keys (see _rows_of); bounded: a new document's selection adds at most one.
_ROW_MAKERS: dict[tuple[str, ...], Callable[[list[list[Any]]], list[dict[str, Any]]]] = {}
_ROW_MAKERS_MAX = 1024
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")


def _rows_of(keys: tuple[str, ...]) -> Callable[[list[list[Any]]], list[dict[str, Any]]]:
    """A function making each row's dict from the columns, with a dict display for these keys: a dict display
    builds a row in under two thirds of the time of dict(zip(keys, values)) (a node-link graph's 250 rows).
    Made once per tuple of keys, as dataclasses make their __init__; the keys are GraphQL names (letters,
    digits and underscores: the parser allows nothing else), written as literals."""
    maker = _ROW_MAKERS.get(keys)
    if maker is None:
        if not keys or not all(_NAME.fullmatch(key) for key in keys):
            return lambda columns: list(map(dict, map(zip, repeat(keys), zip(*columns))))
        values = ", ".join(f"v{i}" for i in range(len(keys)))
        display = ", ".join(f"{key!r}: v{i}" for i, key in enumerate(keys))
        maker = eval(f"lambda columns: [{{{display}}} for {values}, in zip(*columns)]", {"__builtins__": {}, "zip": zip})
        if len(_ROW_MAKERS) >= _ROW_MAKERS_MAX:
            _ROW_MAKERS.clear()
        _ROW_MAKERS[keys] = maker
    return maker


class PlainObjectExecutor(StrawberryGraphQLCoreExecutionContext):
    """Completes plain-leaf selections in one pass (see the module docstring); everything else as graphql-core does."""

    direct = True  # queries in one direct pass first (schema/direct.py); tests switch it off to compare

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[tuple[GraphQLObjectType, int], tuple[Any, list[_Step] | None]] = {}
        middleware = self.middleware_manager
        self._plain_allowed = middleware is None or not middleware._middleware_resolvers
        strawberry_schema = getattr(self.schema, "_strawberry_schema", None)
        # strawberry's basic fields call the configured default resolver, getattr unless configured otherwise
        self._attributes = getattr(getattr(strawberry_schema, "config", None), "default_resolver", None) is getattr
        source = self.operation.loc.source.body if self.operation.loc is not None else "@"
        self._directive_free = "@" not in source  # no @skip, @include, @defer or @stream anywhere in the document

    def execute_collected_root_fields(self, root_type: GraphQLObjectType, root_value: Any, grouped_field_set: Any,
                                      serially: bool, new_defer_usages: Any) -> Any:
        """A query's fields in one direct pass (schema/direct.py), or graphql-core's execution when it gives up."""
        if self.direct and self._plain_allowed and not serially and not new_defer_usages:
            try:
                return DirectPass(self).fields(root_type, root_value, None, grouped_field_set)
            except GiveUp:
                pass
            except RecursionError:
                pass  # graphql-core's own execution reports a document nested this deeply
        return super().execute_collected_root_fields(root_type, root_value, grouped_field_set, serially, new_defer_usages)

    def collect_subfields(self, return_type: GraphQLObjectType, field_details_list: Any) -> Any:
        """graphql-core's sub-field collection, shared by every request of the same document when it has no
        directive (nothing in it then depends on variables): a node-link graph's selections were collected
        again on every request, a tenth of its time."""
        if not self._directive_free or any(d.fragment_variable_values is not None for d in field_details_list):
            return super().collect_subfields(return_type, field_details_list)
        nodes = tuple(d.node for d in field_details_list)
        key = (return_type, tuple(map(id, nodes)))
        with _COLLECTED_LOCK:
            known = _COLLECTED.get(key)
            if known is not None:
                _COLLECTED.move_to_end(key)
                return known[1]
        collected = super().collect_subfields(return_type, field_details_list)
        with _COLLECTED_LOCK:
            _COLLECTED[key] = (nodes, collected)  # the nodes are kept so their ids cannot be reused meanwhile
            while len(_COLLECTED) > _COLLECTED_MAX:
                _COLLECTED.popitem(last=False)
        return collected

    def _steps(self, return_type: GraphQLObjectType, field_details_list: Any) -> list[_Step] | None:
        """The plain plan of this selection on this type (None: not plain), once per request and selection."""
        key = (return_type, id(field_details_list))
        known = self._plans.get(key)
        if known is None:
            collected = self.collect_subfields(return_type, field_details_list)
            shared = _PLANS.get((return_type, id(collected), self._attributes))  # a collection shared across requests
            if shared is not None and shared[0] is collected:
                plain = shared[1]
            else:
                plain = None if collected.new_defer_usages or collected.forbidden_directive_instances \
                    else _plan(return_type, collected.grouped_field_set, self._attributes)
                if self._directive_free:
                    with _COLLECTED_LOCK:
                        _PLANS[(return_type, id(collected), self._attributes)] = (collected, plain)
                        while len(_PLANS) > _COLLECTED_MAX:
                            _PLANS.popitem(last=False)
            # The list is kept with its plan so its id cannot be reused while this request runs.
            known = self._plans[key] = (field_details_list, plain)
        return known[1]

    def complete_iterable_value(self, item_type: Any, field_details_list: Any, info: Any, path: Any, items: Any,
                                position_context: Any) -> Any:
        """A list of plain objects in one loop; graphql-core's path for anything else (or any item that is not plain)."""
        inner = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        if (self._plain_allowed and isinstance(inner, GraphQLObjectType) and isinstance(items, (list, tuple))
                and self.get_stream_usage(field_details_list, path) is None):
            steps = self._steps(inner, field_details_list)
            if steps is not None:
                is_type_of, completed = inner.is_type_of, []
                for item in items:
                    if item is None or (is_type_of is not None and is_type_of(item, info) is not True):
                        break
                    answer = self._complete_plain(inner, steps, item)
                    if answer is None:
                        break
                    completed.append(answer)
                else:
                    return completed
        return super().complete_iterable_value(item_type, field_details_list, info, path, items, position_context)

    def collect_and_execute_subfields(self, return_type: GraphQLObjectType, field_details_list: Any, path: Any,
                                      result: Any, position_context: Any) -> Any:
        if self._plain_allowed:
            steps = self._steps(return_type, field_details_list)
            if steps is not None:
                completed = self._complete_plain(return_type, steps, result)
                if completed is not None:
                    return completed
        return super().collect_and_execute_subfields(return_type, field_details_list, path, result, position_context)

    @staticmethod
    def _complete_plain_list(return_type: GraphQLObjectType, steps: list[_Step], sources: Sequence[Any],
                             typenames: list[str] | None = None) -> list[dict[str, Any]] | None:
        """Every object's response, as `_complete_plain` gives each, field by field over the whole list (a node-link
        graph's 200 edges): one C-level pass per field instead of a Python call per value; a `Rows` (schema/rows.py)
        gives its columns without making an object. None when any object needs graphql-core's checks and errors, or
        a field is not a plain attribute of a leaf type. `typenames`: each object's own `__typename` (objects of
        several types, whose plans read the same attributes), else `return_type`'s for all."""
        keys: list[str] = []
        columns: list[list[Any]] = []
        given = sources if isinstance(sources, Rows) else None
        try:
            for key, _, kind, non_null, items, get, name in steps:
                keys.append(key)
                if kind is None:
                    columns.append(typenames if typenames is not None else [return_type.name] * len(sources))
                    continue
                if get is None or items is not None:
                    return None
                values = given.column(name) if given is not None and name is not None else None
                column = _column(kind, values if values is not None else list(map(get, sources)), non_null)
                if column is None:
                    return None
                columns.append(column)
        except Exception:  # graphql-core runs the field again and reports the error with its path
            return None
        return _rows_of(tuple(keys))(columns)

    @staticmethod
    def _complete_plain(return_type: GraphQLObjectType, steps: list[_Step], source: Any) -> dict[str, Any] | None:
        """The object's response, or None when a value needs graphql-core's checks and errors."""
        out: dict[str, Any] = {}
        try:
            for key, resolve, kind, non_null, items, _, _ in steps:
                if resolve is None:
                    out[key] = return_type.name
                    continue
                assert kind is not None
                value = resolve(source, None)
                if items is None or value is None:
                    value = _leaf(kind, value, non_null)
                else:
                    value = [_leaf(kind, item, items) for item in value]
                    if any(item is _NOT_PLAIN for item in value):
                        return None
                if value is _NOT_PLAIN:
                    return None
                out[key] = value
        except Exception:  # graphql-core runs the field again and reports the error with its path
            return None
        return out

