"""Command modules of the CLI. Each module defines `register(subparsers)`
adding its commands; cli.py discovers every module of this package, so a new
command family is a new module and needs no edit elsewhere.

May import: every library subpackage; nothing imports the commands but cli.
"""
