"""Reading and writing the data files: YAML, safe loading only, with line numbers for errors.

Dates stay strings ("2024-03", "2024"), so that a partial date keeps its precision;
the writer's output is stable (fixed key order, one line per value), so a correction
is a one-line diff.
"""

from pathlib import Path

import yaml

# libyaml's parser when PyYAML was built with it (its wheels are): several times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(SafeLoader):
    """The safe loader without the timestamp rule: '2024-03-01' is read as text, like '2024-03'."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DataFileError(Exception):
    """An error in one data file, at a line and a field."""

    def __init__(self, path, line, field, message):
        self.path, self.line, self.field, self.message = path, line, field, message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")


def _node_lines(node, path, lines):
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.setdefault((*path, key.value), key.start_mark.line + 1)
            _node_lines(value, (*path, key.value), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, (*path, index), lines)


def read(path: Path) -> tuple[object, dict]:
    """The file's data and, for each path of keys and indexes in it, its line (1-based)."""
    try:
        loader = Loader(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        raise DataFileError(path, mark.line + 1 if mark else None, "", f"not valid YAML: {error}") from error
    lines = {}
    if node is not None:
        _node_lines(node, (), lines)
    return data, lines


def line_of(lines: dict, loc: tuple) -> int | None:
    """The line of the deepest part of `loc` that the file has."""
    for end in range(len(loc), -1, -1):
        if tuple(loc[:end]) in lines:
            return lines[tuple(loc[:end])]
    return None


class Dumper(yaml.SafeDumper):
    """Block style, keys in the order given, lists indented under their key."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _text(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


Dumper.add_representer(str, _text)


def write(path: Path, data) -> None:
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
