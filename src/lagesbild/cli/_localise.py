"""The command-line framework's own words in the user's language.

Typer (and the click it carries) writes its help headings and usage errors in English. This module
gives the command tree a context that renders help in Swedish (or English) from the text
catalogue, swaps every help text for its English version when the run is in English, and turns
usage errors ("Missing option", "No such command", …) into one line from the catalogue.
"""

from __future__ import annotations

import re
from typing import Any

import typer

from lagesbild.i18n import catalogue, choose, normalise_lang, t

__all__ = ["localise_tree", "usage_error_message", "walk"]

#: click's help headings and fixed phrases → catalogue keys.
_HELP_PHRASES = (
    ("Usage:", "cli.help_usage"),
    ("[OPTIONS]", "cli.help_options_meta"),
    ("COMMAND [ARGS]...", "cli.help_command_meta"),
    ("Options:", "cli.help_options"),
    ("Commands:", "cli.help_commands"),
    ("Arguments:", "cli.help_arguments"),
    ("Show this message and exit.", "cli.help_help"),
    ("[required]", "cli.help_required"),
    ("[default: ", "cli.help_default"),
)


class LocalisedContext(typer.Context):
    """A context whose help text is in the run's language."""

    lang: str = "sv"

    def get_usage(self) -> str:
        return _localise_help(super().get_usage(), self.lang)

    def get_help(self) -> str:
        return _localise_help(super().get_help(), self.lang)


def _localise_help(text: str, lang: str) -> str:
    for phrase, key in _HELP_PHRASES:
        text = text.replace(phrase, t(key, lang))
    return text


def walk(command, path: tuple[str, ...] = ()):
    """Yield ``(path, command)`` for every command in the tree (groups included)."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, (*path, name))


def localise_tree(command, lang: str):
    """Give every command of the tree a localised context and, in English, English help texts."""
    lang = normalise_lang(lang)
    # Swedish help text → the same text in ``lang`` (the identity in Swedish)
    in_lang = {sv: choose(sv, en, lang) for sv, en in catalogue().values()}
    context_class = type("LocalisedContext", (LocalisedContext,), {"lang": lang})
    texts = catalogue()
    for _path, cmd in walk(command):
        cmd.context_class = context_class
        for param in cmd.params:
            if hasattr(param, "help") and not param.help and f"cli.param.{param.name}" in texts:
                param.help = t(f"cli.param.{param.name}", "sv")
        if in_lang:
            cmd.help = in_lang.get(cmd.help, cmd.help) if cmd.help else cmd.help
            cmd.short_help = in_lang.get(cmd.short_help, cmd.short_help) if cmd.short_help else None
            for param in cmd.params:
                if getattr(param, "help", None):
                    param.help = in_lang.get(param.help, param.help)
    return command


def _mro_names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _param_name(param: Any) -> str:
    if param is None:
        return "?"
    opts = getattr(param, "opts", None) or []
    long = [o for o in opts if o.startswith("--")]
    if long:
        return long[0]
    if opts and getattr(param, "param_type_name", "") == "option":
        return opts[0]
    return (getattr(param, "name", None) or "?").upper()


_VALUE_PATTERNS = (
    (re.compile(r"'(?P<v>.*)' is not a valid integer"), "cli.usage_not_int"),
    (re.compile(r"'(?P<v>.*)' is not a valid float"), "cli.usage_not_float"),
    (re.compile(r"'(?P<v>.*)' is not a valid boolean"), "cli.usage_not_bool"),
    (re.compile(r"'(?P<v>.*)' is not one of (?P<choices>.*)\."), "cli.usage_not_choice"),
    (re.compile(r"(?:File|Path|Directory) '(?P<v>.*)' does not exist"), "cli.usage_no_path"),
)


def _value_message(message: str, lang: str) -> str:
    for pattern, key in _VALUE_PATTERNS:
        m = pattern.search(message)
        if m:
            return t(key, lang, **m.groupdict())
    return message


def usage_error_message(exc: BaseException, lang: str) -> str | None:
    """One line for a usage error of the command-line framework, or None if ``exc`` is not one."""
    names = _mro_names(exc)
    if "UsageError" not in names:
        return None
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "lagesbild"
    help_hint = t("cli.usage_hint", lang, command=command)
    message = getattr(exc, "message", "") or ""
    if "NoArgsIsHelpError" in names:
        return message
    if "MissingParameter" in names:
        param = getattr(exc, "param", None)
        kind = getattr(param, "param_type_name", "option")
        key = "cli.usage_missing_argument" if kind == "argument" else "cli.usage_missing_option"
        text = t(key, lang, name=_param_name(param))
    elif "NoSuchOption" in names:
        option = getattr(exc, "option_name", "?")
        possible = sorted(getattr(exc, "possibilities", None) or [])
        text = t("cli.usage_no_such_option", lang, option=option)
        if possible:
            text += " " + t("cli.usage_did_you_mean", lang, options=", ".join(possible))
    elif "BadParameter" in names:
        param = getattr(exc, "param", None)
        text = t("cli.usage_bad_value", lang, name=_param_name(param), detail=_value_message(message, lang))
    elif message.startswith("No such command"):
        m = re.search(r"No such command '(?P<name>[^']*)'", message)
        name = m.group("name") if m else "?"
        suggestion = re.search(r"Did you mean (?P<s>.*)\?", message)
        text = t("cli.usage_no_such_command", lang, name=name)
        if suggestion:
            text += " " + t("cli.usage_did_you_mean", lang, options=suggestion.group("s"))
    elif message.startswith("Got unexpected extra argument"):
        m = re.search(r"\((?P<args>.*)\)", message)
        text = t("cli.usage_extra_arguments", lang, args=m.group("args") if m else "?")
    elif "requires an argument" in message:
        m = re.search(r"Option '(?P<o>[^']*)'", message)
        text = t("cli.usage_option_needs_value", lang, option=m.group("o") if m else "?")
    else:
        text = t("cli.usage_other", lang, detail=message)
    return t("cli.error_usage_prefix", lang) + text + " " + help_hint
