"""Where the data shipped with dispatch-gen is: the `templates/` and `letterheads/` folders.

Both live at the top of the repository. A wheel carries them inside the package
(`dispatch_gen/templates/`, `dispatch_gen/letterheads/`, mapped by hatchling's `force-include` in
pyproject.toml), and `importlib.resources` finds them there wherever the package is installed.
A source checkout, or an editable install of one, has them beside the package folder instead.
Every other module asks here; none builds a path from its own file.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def shipped(name: str) -> Path:
    """The shipped folder `name` ("templates" or "letterheads") as a real folder on disk."""
    package = Path(str(files("dispatch_gen")))
    inside = package / name
    return inside if inside.is_dir() else package.parent / name


TEMPLATES = shipped("templates")
LETTERHEADS = shipped("letterheads")
