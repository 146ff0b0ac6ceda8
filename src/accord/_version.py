"""The package version, read from the installed metadata when there is one."""

from importlib import metadata


def _read_version() -> str:
    try:
        return metadata.version("accord")
    except metadata.PackageNotFoundError:  # running from a source tree (PYTHONPATH=src)
        return "0.1.0"


__version__ = _read_version()
