"""lanzarote-kg: build, validate and query the knowledge graph of the 2012
Council of Europe paper on international cooperation and the Lanzarote
Convention. A thin layer over the library: each family of commands lives in
a module of lanzarote_kg.commands; every command runs with the network
guard on unless it talks to a server it is given."""
from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from lanzarote_kg import commands
from lanzarote_kg.core import netguard
from lanzarote_kg.core.errors import FREE_TEXT_CONTROLS, BuildFailure, UserError, check_text, one_line


class _Version(argparse.Action):
    """--version: the package's and the ontology's versions, then exit."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from lanzarote_kg.commands.common import version_line

        print(version_line(getattr(namespace, "root", None)))
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lanzarote-kg", description=__doc__)
    parser.add_argument("--root", help="project checkout (default: found from the current directory)")
    parser.add_argument("--version", action=_Version, help="print the package and ontology versions and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    for value in argv:  # every value is text before anything reads it (bytes that are not UTF-8 come as surrogates)
        try:
            check_text(value, "argument", FREE_TEXT_CONTROLS)
        except UserError as exc:
            print(f"error: {exc.code}: {one_line(exc.message)}", file=sys.stderr)
            return 2
    args = build_parser().parse_args(argv)
    # Commands that talk to a server set `network=True` and guard themselves.
    if not getattr(args, "network", False):
        netguard.block_network()
    # rdflib logs a traceback for every literal it cannot convert (such as
    # "abc"^^xsd:integer); the SHACL report names those, on one line each.
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    try:
        return args.func(args)
    except UserError as exc:
        print(f"error: {exc.code}: {one_line(exc.message)}", file=sys.stderr)
        return 2
    except BuildFailure as exc:
        print(f"failed: {exc.code}: {one_line(exc.message)}", file=sys.stderr)
        for line in exc.details:
            print(f"  {one_line(line)}", file=sys.stderr)
        return 1
    except netguard.NetworkAccessError as exc:
        print(f"error: LKG-E020: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
