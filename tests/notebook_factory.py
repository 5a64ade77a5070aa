"""A tiny parameterised notebook for runner and kernel tests."""

from __future__ import annotations

from pathlib import Path

import nbformat


def parameterised_notebook(path: Path, body: str) -> Path:
    """Write a notebook with a ``parameters`` cell (``output_dir``, ``fail``) and ``body``."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('output_dir = ""\nfail = False')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(body)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path
