"""--config FILE: the train options as a TOML or JSON table; flags on the command line win over the file.

Keys are the option names without dashes' prefix ("max-minutes" or "max_minutes"). An unknown key or a value of
the wrong type is an error naming the key, so a typo never silently trains with a default.
"""
from __future__ import annotations

import json
import os


class ConfigError(ValueError):
    pass


def load(path: str, known: dict[str, object]) -> dict[str, object]:
    """The file's values by argparse destination; `known` maps each destination to its default (for the type)."""
    if not os.path.isfile(path):
        raise ConfigError(f"config file {path} does not exist")
    with open(path, "rb") as f:
        raw = f.read()
    try:
        if path.endswith(".json"):
            table = json.loads(raw)
        else:
            import tomllib
            table = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise ConfigError(f"config file {path} is not valid {'JSON' if path.endswith('.json') else 'TOML'}: {e}") from e
    if not isinstance(table, dict):
        raise ConfigError(f"config file {path} must be a table of options")
    values: dict[str, object] = {}
    for key, value in table.items():
        dest = key.replace("-", "_")
        if dest not in known:
            raise ConfigError(f"config file {path}: unknown option '{key}' (known: {', '.join(sorted(known))})")
        default = known[dest]
        if isinstance(default, bool) and not isinstance(value, bool):
            raise ConfigError(f"config file {path}: '{key}' must be true or false")
        if isinstance(default, (int, float)) and not isinstance(default, bool):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"config file {path}: '{key}' must be a number")
            if isinstance(default, int) and not float(value).is_integer():
                raise ConfigError(f"config file {path}: '{key}' must be a whole number")
            value = type(default)(value)
        values[dest] = value
    return values
