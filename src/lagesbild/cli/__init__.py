"""The ``lagesbild`` command line (Typer). Thin: every command calls :mod:`lagesbild.services`.

The commands live in one module per family, listed explicitly in :data:`COMMAND_MODULES`; each
has ``register(app)``. A module that is missing fails loudly at start.

Settings are resolved once per invocation (``--store``, ``--lang``, ``--config`` over the
environment, ``lagesbild.toml`` and the defaults) and reach the commands through
:mod:`lagesbild.cli._common`. Errors: a :class:`~lagesbild.errors.LagesbildError` prints one line
in Swedish (English with ``--lang en`` or ``LAGESBILD_LANG=en``) and exits with status 2; so do
usage errors, in the same language. ``--debug`` shows the traceback.
"""

from __future__ import annotations

import importlib
import sys

import typer

from lagesbild._config import resolve_settings
from lagesbild.cli import _common
from lagesbild.cli._localise import localise_tree, usage_error_message
from lagesbild.errors import LagesbildError
from lagesbild.i18n import t

__all__ = ["COMMAND_MODULES", "app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help=t("cli.app_help", "sv"))

#: The command modules, in the order their commands are listed; each has ``register(app)``.
COMMAND_MODULES: tuple[str, ...] = (
    "lagesbild.cli.store",
    "lagesbild.cli.measures",
    "lagesbild.cli.lagesbild",
    "lagesbild.cli.sources",
    "lagesbild.cli.insatser",
    "lagesbild.cli.report",
    "lagesbild.cli.backup",
    "lagesbild.cli.skola",
    "lagesbild.cli.grid",
    "lagesbild.cli.brott",
    "lagesbild.cli.enkat",
    "lagesbild.cli.web",
)


@app.callback()
def _global(
    store_path: str = typer.Option(None, "--store", help=t("cli.opt_store", "sv")),
    lang: str = typer.Option(None, "--lang", help=t("cli.opt_lang", "sv")),
    config: str = typer.Option(None, "--config", help=t("cli.opt_config", "sv")),
    debug: bool = typer.Option(False, "--debug", help=t("cli.opt_debug", "sv")),
) -> None:
    inv = _common.current()
    inv.settings = resolve_settings(config_file=config or "lagesbild.toml", store=store_path, lang=lang)
    inv.debug = debug


_registered = False


def _register_all() -> None:
    global _registered
    if _registered:
        return
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)
    _registered = True


def build_command(lang: str = "sv"):
    """The click command tree of the whole CLI, with help texts in ``lang``."""
    _register_all()
    return localise_tree(typer.main.get_command(app), lang)


def _argv_lang(argv: list[str]) -> str:
    """The language the invocation asks for, read before the command line is parsed."""
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    try:
        return resolve_settings(config_file="lagesbild.toml").lang
    except LagesbildError:
        return "sv"


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    with _common.invocation() as inv:
        inv.lang_hint = _argv_lang(argv)
        return _run(argv, inv)


def _run(argv: list[str], inv) -> int:
    command = build_command(inv.lang_hint)
    try:
        command.main(args=argv, standalone_mode=False, prog_name="lagesbild")
    except LagesbildError as exc:
        if inv.debug:
            raise
        typer.echo(t("cli.error_prefix", inv.lang) + exc.message(inv.lang), err=True)
        return 2
    except ImportError as exc:
        if inv.debug:
            raise
        typer.echo(t("cli.error_prefix", inv.lang) + str(exc), err=True)
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        typer.echo(t("cli.aborted", inv.lang), err=True)
        return 1
    except Exception as exc:  # click usage errors (Typer vendors its own click)
        message = usage_error_message(exc, inv.lang)
        if message is not None:
            typer.echo(message, err=True)
            return 2
        if inv.debug:
            raise
        typer.echo(t("cli.unexpected", inv.lang, kind=type(exc).__name__, detail=exc), err=True)
        return 1
    return 0


def _entry() -> None:  # pragma: no cover
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    _entry()
