"""A small, safe subset of XLSForm (XPath) expressions for `relevant` and `constraint`.

Supported: ${field} references, `.` (the field's own value), 'strings' and numbers, comparisons
(= != < <= > >=), and / or, not(...), parentheses, selected(x, 'v'), string-length(x),
regex(x, 'pattern'), today(). Anything else raises ExpressionError naming what is unsupported.
Nothing is ever passed to eval(): expressions come from spreadsheets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from kiosk.forms.model import Answers, Expression

TOKEN_RE = re.compile(
    r"\s*(?:(?P<ref>\$\{[A-Za-z_][A-Za-z0-9_-]*\})|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<str>'[^']*'|\"[^\"]*\")|(?P<op>!=|<=|>=|=|<|>|\(|\)|,)|(?P<dot>\.(?![0-9]))"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*))"
)
FUNCTIONS = {"selected": 2, "string-length": 1, "regex": 2, "today": 0, "not": 1}
COMPARISONS = {"=", "!=", "<", "<=", ">", ">="}
Node = Callable[[Answers, Any], Any]


class ExpressionError(ValueError):
    """An expression that cannot be parsed or uses something unsupported."""


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            raise ExpressionError(f"unsupported syntax at {text[pos : pos + 12]!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _compare(op: str, a: Any, b: Any) -> bool:
    a = "" if a is None else a
    b = "" if b is None else b
    x, y = _number(a), _number(b)
    if x is None or y is None:  # dates compare as ISO strings, which sort as dates
        x, y = str(a), str(b)  # type: ignore[assignment]
    match op:
        case "=":
            return bool(x == y)
        case "!=":
            return bool(x != y)
        case "<":
            return bool(x < y)  # type: ignore[operator]
        case "<=":
            return bool(x <= y)  # type: ignore[operator]
        case ">":
            return bool(x > y)  # type: ignore[operator]
    return bool(x >= y)  # type: ignore[operator]


def _call(name: str, args: list[Node]) -> Node:
    match name:
        case "today":
            return lambda a, v: dt.date.today().isoformat()
        case "not":
            return lambda a, v: not args[0](a, v)
        case "string-length":
            return lambda a, v: len(str(args[0](a, v) or ""))
        case "selected":

            def selected(a: Answers, v: Any) -> bool:
                value, wanted = args[0](a, v), str(args[1](a, v))
                return wanted in value if isinstance(value, list) else str(value or "") == wanted

            return selected

    def regex(a: Answers, v: Any) -> bool:
        try:
            return re.search(str(args[1](a, v)), str(args[0](a, v) or "")) is not None
        except re.error:
            return False

    return regex


def _either(left: Node, right: Node) -> Node:
    return lambda a, v: bool(left(a, v)) or bool(right(a, v))


def _both(left: Node, right: Node) -> Node:
    return lambda a, v: bool(left(a, v)) and bool(right(a, v))


# Caps that keep a hostile definition from exhausting the stack (parsing and evaluating recurse).
MAX_LENGTH = 1000
MAX_DEPTH = 20


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0
        self.depth = 0
        self.refs: set[str] = set()

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"nested deeper than {MAX_DEPTH} levels")

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token[0] == "end" or (value is not None and token[1] != value):
            raise ExpressionError(f"expected {value or 'a value'}, found {token[1] or 'the end'}")
        self.pos += 1
        return token

    def parse(self) -> Node:
        node = self.or_()
        if self.peek()[0] != "end":
            raise ExpressionError(f"unsupported syntax at {self.peek()[1]!r}")
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.peek() == ("name", "or"):
            self.take()
            node = _either(node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.comparison()
        while self.peek() == ("name", "and"):
            self.take()
            node = _both(node, self.comparison())
        return node

    def comparison(self) -> Node:
        node = self.atom()
        if self.peek()[1] in COMPARISONS and self.peek()[0] == "op":
            op = self.take()[1]
            left, right = node, self.atom()
            return lambda a, v: _compare(op, left(a, v), right(a, v))
        return node

    def atom(self) -> Node:
        kind, text = self.take()
        if kind == "ref":
            name = text[2:-1]
            self.refs.add(name)
            return lambda a, v: a.get(name)
        if kind == "num":
            number = float(text)
            return lambda a, v: number
        if kind == "str":
            literal = text[1:-1]
            return lambda a, v: literal
        if kind == "dot":
            return lambda a, v: v
        if text == "(":
            self.nested()
            node = self.or_()
            self.take(")")
            self.depth -= 1
            return node
        if kind == "name" and self.peek()[1] == "(":
            if text not in FUNCTIONS:
                raise ExpressionError(f"unsupported function {text}()")
            self.take("(")
            self.nested()
            args: list[Node] = []
            while self.peek()[1] != ")":
                if args:
                    self.take(",")
                args.append(self.or_())
            self.take(")")
            self.depth -= 1
            if len(args) != FUNCTIONS[text]:
                raise ExpressionError(f"{text}() takes {FUNCTIONS[text]} argument(s)")
            return _call(text, args)
        raise ExpressionError(f"unsupported syntax at {text!r}")


def compile_expression(text: str) -> tuple[Expression, set[str]]:
    """The evaluator of `text` and the field ids it refers to; ExpressionError if unsupported."""
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("an expression must be non-empty text")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"longer than {MAX_LENGTH} characters")
    parser = _Parser(text)
    return parser.parse(), parser.refs
