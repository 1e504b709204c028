"""Formula columns of a statistics table (cột công thức): `cai_0203 / dan_so`, `0.6 * dan_so`.

A formula is parsed by Jinja's sandboxed expression parser and may hold only column names,
numbers, + - * / and brackets; it is evaluated here, in exact Decimal (never binary floats).
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from dispatch_gen.errors import InputError, Location

_FORMULA_ENV = ImmutableSandboxedEnvironment()
_OPERATIONS = {nodes.Add: operator.add, nodes.Sub: operator.sub, nodes.Mul: operator.mul,
               nodes.Div: operator.truediv}  # fmt: skip


def parse_formula(text: Any, known: list[str], where: Location) -> nodes.Expr:
    """Parse a formula with the sandbox's parser; allow only column names, numbers, + - * / ( ).

    Evaluation is ours (`evaluate`), in Decimal: compiled Jinja would compute `0.6 * dan_so` in
    binary floats, or fail mixing a float constant with Decimal figures."""
    hint = "chỉ dùng tên cột, số, + - * / và dấu ngoặc, ví dụ “cai_0203 / dan_so”"
    try:
        body = _FORMULA_ENV.parse("{{ " + str(text) + " }}").body
    except TemplateSyntaxError:
        raise InputError(f"công thức “{text}” viết sai", hint, where) from None
    if len(body) != 1 or not isinstance(body[0], nodes.Output) or len(body[0].nodes) != 1:
        raise InputError(f"công thức “{text}” viết sai", hint, where)
    tree = body[0].nodes[0]
    for node in [tree, *tree.find_all(nodes.Node)]:
        if isinstance(node, nodes.Const) and type(node.value) in (int, float):
            continue
        if not isinstance(node, (*_OPERATIONS, nodes.Neg, nodes.Pos, nodes.Name)):
            raise InputError(f"công thức “{text}” dùng phép tính không được phép", hint, where)
        if isinstance(node, nodes.Name) and node.name not in known:
            raise InputError(f"công thức “{text}” dùng cột “{node.name}” không có",
                             "dùng cột số liệu hoặc cột công thức đứng trước: " + ", ".join(known),
                             where)
    return tree


def names(tree: nodes.Expr) -> set[str]:
    return {n.name for n in [tree, *tree.find_all(nodes.Name)] if isinstance(n, nodes.Name)}


def evaluate(node: nodes.Expr, values: Mapping[str, Any]) -> Decimal:
    if isinstance(node, nodes.Const):
        return Decimal(repr(node.value))
    if isinstance(node, nodes.Name):
        return values[node.name]
    if isinstance(node, nodes.Neg | nodes.Pos):
        inner = evaluate(node.node, values)
        return -inner if isinstance(node, nodes.Neg) else inner
    left, right = evaluate(node.left, values), evaluate(node.right, values)
    if isinstance(node, nodes.Div) and right == 0:
        raise ZeroDivisionError(node.right.name if isinstance(node.right, nodes.Name) else "")
    return _OPERATIONS[type(node)](left, right)
