"""Option lists kept in data files (resources/data/*.json) that staff can edit without a form change.

A data file is one JSON object of named lists; each entry has a `value`, an English `label`,
optionally a `parent` (cascading lists) and `labels` (language code → text, for lists staff
translate themselves). Entries with `"active": false` are kept in the file but not offered.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.forms.model import Option
from kiosk.i18n import N_

FILE_RE = re.compile(r"^[a-z0-9_-]+\.json$")


class DataFileError(ValueError):
    """A data file or list that is missing or malformed; the message says which and why."""


@cache
def _read(path: Path, mtime_ns: int) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def data_path(name: str, folder: Path | None = None) -> Path:
    if not FILE_RE.match(name):
        raise DataFileError(f"data file name {name!r} must look like name.json (no folders)")
    return (folder or paths.data_files_dir()) / name


def load_options(name: str, list_name: str, folder: Path | None = None) -> tuple[Option, ...]:
    """The active options of one list of a data file; DataFileError says what is wrong."""
    path = data_path(name, folder)
    try:
        data = _read(path, path.stat().st_mtime_ns)
    except OSError as exc:
        raise DataFileError(f"cannot read data file {name}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(f"data file {name} line {exc.lineno}: not valid JSON") from None
    raw = data.get(list_name) if isinstance(data, dict) else None
    if not isinstance(raw, list) or not raw:
        raise DataFileError(f"data file {name} has no non-empty list '{list_name}'")
    out: list[Option] = []
    for i, item in enumerate(raw, start=1):
        where = f"data file {name} list '{list_name}' entry {i}"
        if not isinstance(item, dict):
            raise DataFileError(f"{where}: must be an object")
        value, label = item.get("value"), item.get("label")
        if not isinstance(value, str) or not value or not isinstance(label, str) or not label:
            raise DataFileError(f"{where}: needs a non-empty 'value' and 'label'")
        labels = item.get("labels", {})
        if not isinstance(labels, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in labels.items()
        ):
            raise DataFileError(f"{where}: 'labels' must map language codes to texts")
        parent = item.get("parent", "")
        if not isinstance(parent, str):
            raise DataFileError(f"{where}: 'parent' must be text")
        if item.get("active", True) is False:
            continue
        out.append(Option(value, label, parent, tuple(sorted(labels.items()))))
    return tuple(out)


# Labels used by the bundled data files and translated through the catalogs (data files are not
# scanned by `make i18n`): keep them marked here.
DATA_FILE_MSGIDS = (N_("Another community"),)
