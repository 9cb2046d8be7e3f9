"""Describe the `Kiosk.Backend` QML module for qmllint: `python -m kiosk.qt.qmltypes OUTDIR`.

The backends are Python classes, so no C++ build leaves a .qmltypes file behind, and
`pyside6-metaobjectdump` reads source text and stops at `Property(bool, lambda self: ...)`.
This reads the live meta-objects instead (exactly what QML sees at run time) and writes
OUTDIR/Kiosk/Backend/{qmldir,plugin.qmltypes}; `make lint` runs qmllint with `-I OUTDIR`.
Development tool only: the kiosk never imports it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import get_args, get_type_hints

from PySide6.QtCore import QByteArray, QMetaMethod, QMetaObject, QObject

from kiosk.qt import root

MODULE = root.QML_IMPORT_NAME
_VARIANTS = {"PyObject": "QVariant", "QVariantList": "QVariantList", "QVariantMap": "QVariantMap"}


def _text(value: object) -> str:
    """Qt's names arrive as str, bytes or QByteArray depending on the call (the stubs disagree)."""
    if isinstance(value, str):
        return value
    if isinstance(value, QByteArray):
        value = value.data()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode()
    return str(value)


def _ours() -> dict[str, type[QObject]]:
    """Every QObject class of the kiosk's Qt package, by class name."""
    found: dict[str, type[QObject]] = {}
    todo: list[type] = [QObject]
    while todo:
        cls = todo.pop()
        subs: list[type] = cls.__subclasses__()
        for sub in subs:
            todo.append(sub)
            if sub.__module__.startswith("kiosk.qt."):
                found[sub.__name__] = sub
    return found


def _type(name: str) -> tuple[str, bool]:
    pointer = name.endswith("*")
    name = name.rstrip("*")
    return _VARIANTS.get(name, name), pointer


def _returned_class(cls: type[QObject], name: str) -> str | None:
    """The backend class a property's getter is annotated to return (`-> VisitBackend | None`)."""
    getter = getattr(getattr(cls, name, None), "fget", None)
    if getter is None:
        return None
    hint = get_type_hints(getter).get("return")
    for option in get_args(hint) or (hint,):
        if isinstance(option, type) and issubclass(option, QObject):
            return option.__name__
    return None


def _block(kind: str, lines: list[str]) -> str:
    """One member, an attribute a line (the .qmltypes reader takes no `;` before a nested block)."""
    return "\n".join([f"        {kind} {{", *(f"            {line}" for line in lines), "        }"])


def _component(cls: type[QObject], meta: QMetaObject, exported: bool) -> list[str]:
    parent = meta.superClass()
    out = ["    Component {", f'        file: "{cls.__module__.replace(".", "/")}.py"',
           f'        name: "{meta.className()}"', '        accessSemantics: "reference"',
           f'        prototype: "{parent.className() if parent else "QObject"}"']  # fmt: skip
    if exported:
        out += [f'        exports: ["{MODULE}/{meta.className()} 1.0"]', "        isCreatable: false",
                "        isSingleton: true", "        exportMetaObjectRevisions: [256]"]  # fmt: skip
    for i in range(meta.propertyOffset(), meta.propertyCount()):
        prop = meta.property(i)
        kind, pointer = _type(_text(prop.typeName()))
        if kind == "QObject":  # PySide registers every QObject subclass as QObject*: ask Python
            kind = _returned_class(cls, _text(prop.name())) or kind
        attrs = [f'name: "{_text(prop.name())}"', f'type: "{kind}"']
        attrs += ["isPointer: true"] if pointer else []
        attrs += ["isReadonly: true"] if not prop.isWritable() else []
        attrs += [f'notify: "{_text(prop.notifySignal().name())}"'] if prop.hasNotifySignal() else []
        out.append(_block("Property", attrs))
    for i in range(meta.methodOffset(), meta.methodCount()):
        method = meta.method(i)
        kind = "Signal" if method.methodType() == QMetaMethod.MethodType.Signal else "Method"
        body = [f'name: "{_text(method.name())}"']
        returns = _text(method.typeName())
        if kind == "Method" and returns and returns != "void":
            body.append(f'type: "{_type(returns)[0]}"')
        names = [_text(n) for n in method.parameterNames()]
        for j, ptype in enumerate(method.parameterTypes()):
            pname = names[j] if j < len(names) and names[j] else f"a{j + 1}"
            body.append(f'Parameter {{ name: "{pname}"; type: "{_type(_text(ptype))[0]}" }}')
        out.append(_block(kind, body))
    out.append("    }")
    return out


def qmltypes() -> str:
    lines = ["import QtQuick.tooling 1.2", "", "// Written by kiosk/qt/qmltypes.py for qmllint.", "Module {"]
    for name, cls in sorted(_ours().items()):
        meta: QMetaObject = getattr(cls, "staticMetaObject")  # noqa: B009 (not in the stubs)
        if meta.className() != name:  # a Python subclass Qt does not see as its own type
            continue
        lines += _component(cls, meta, exported=cls is root.Kiosk)
    lines.append("}")
    return "\n".join(lines) + "\n"


def write(out: Path) -> Path:
    folder = out.joinpath(*MODULE.split("."))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "qmldir").write_text(f"module {MODULE}\ntypeinfo plugin.qmltypes\n", encoding="utf-8")
    (folder / "plugin.qmltypes").write_text(qmltypes(), encoding="utf-8")
    return folder


if __name__ == "__main__":
    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "build/qmltypes")))
