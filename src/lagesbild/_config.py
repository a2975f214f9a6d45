"""Settings, resolved once: defaults < ``lagesbild.toml`` < environment < flags.

Every setting is declared once in :data:`SETTINGS` with its default, type and help text;
``docs/configuration.md`` lists them and a test fails if one is undocumented.
Environment variables are ``LAGESBILD_<NAME>`` in upper case (e.g. ``LAGESBILD_STORE``,
``LAGESBILD_LANG``, ``LAGESBILD_SCB_API``).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lagesbild.errors import ConfigError

__all__ = ["Setting", "SETTINGS", "Settings", "resolve_settings"]


@dataclasses.dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    type: type
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("store", "lagesbild.duckdb", str, "Path of the DuckDB store file."),
    Setting("lang", "sv", str, "Language of messages, labels and reports: 'sv' or 'en'."),
    Setting("crs", "EPSG:3006", str, "CRS in which geometries are kept (SWEREF 99 TM)."),
    Setting(
        "suppress_min_count", 5, int, "Counts below this (and above 0) are suppressed in published tables and maps."
    ),
    Setting(
        "suppress_min_denominator",
        20,
        int,
        "Shares whose denominator is below this are suppressed in published output.",
    ),
    Setting(
        "enkat_min_n", 25, int, "Youth-survey cells with fewer respondents are suppressed (with secondary suppression)."
    ),
    Setting("enkat_priorities", 5, int, "How many of the ranked survey factors are priority factors."),
    Setting("cache", "~/.cache/lagesbild", str, "Folder of the HTTP response cache."),
    Setting("scb_api", "https://statistikdatabasen.scb.se/api/v2", str, "Base URL of SCB PxWebApi 2.0."),
    Setting("scb_api_v1", "https://api.scb.se/OV0104/v1/doris/sv/ssd", str, "Base URL of SCB PxWeb API v1 (fallback)."),
    Setting(
        "scb_geo_api",
        "https://geodata.scb.se/geoserver/stat/wfs",
        str,
        "URL of SCB's open geodata WFS (DeSO and RegSO boundaries).",
    ),
    Setting("kolada_api", "https://api.kolada.se/v3", str, "Base URL of the Kolada v3 API."),
    Setting(
        "skolverket_api",
        "https://api.skolverket.se/planned-educations/v4",
        str,
        "Base URL of Skolverket's Planned Educations API v4.",
    ),
    Setting("http_timeout", 30.0, float, "Timeout in seconds for one HTTP request."),
    Setting("http_retries", 5, int, "Retries on 429, 5xx and timeouts."),
    Setting("scb_max_cells", 150000, int, "Most data cells in one SCB request."),
    Setting("scb_calls_per_window", 30, int, "Most SCB calls per time window."),
    Setting("scb_window_s", 10.0, float, "Length of SCB's time window in seconds."),
    Setting("kolada_per_page", 5000, int, "Kolada records per page."),
    Setting(
        "simplify_tolerance", 25.0, float, "Tolerance in metres of the simplified web geometries (topology-preserving)."
    ),
    Setting("host", "127.0.0.1", str, "Host that `lagesbild serve` binds to."),
    Setting("port", 8000, int, "Port that `lagesbild serve` listens on."),
    Setting(
        "demo_rebuild", False, bool, "`lagesbild demo` rebuilds the store from the bundled data even when it exists."
    ),
    Setting(
        "secret_key", "", str, "Secret for signing web sessions; when empty, the secret file (secret_file) is used."
    ),
    Setting(
        "secret_file",
        "",
        str,
        "File holding the session-signing secret, created with mode 0600 on first use; empty: "
        "beside the store (lagesbild.duckdb -> lagesbild.secret).",
    ),
    Setting(
        "secure_cookies",
        False,
        bool,
        "Mark the web app's cookies Secure (sent over HTTPS only); switch on behind HTTPS.",
    ),
    Setting("hsts_seconds", 0, int, "When > 0, send Strict-Transport-Security with this max-age (behind HTTPS only)."),
    Setting(
        "app_warmup",
        True,
        bool,
        "The web app computes the tables its kommun pages share at start and after every import, in the background.",
    ),
    Setting(
        "app_warmup_pages",
        True,
        bool,
        "With app_warmup: the web app also computes every kommun page of the newest year in the background.",
    ),
    Setting(
        "page_builds",
        1,
        int,
        "Pages the web app builds at once on their first visit; more wait their turn (at least 1).",
    ),
    Setting("login_max_failures", 10, int, "Failed logins per account or address within login_window_s, then refused."),
    Setting("login_window_s", 60, int, "Seconds over which failed logins are counted for throttling."),
    Setting("report_slots", 2, int, "Report builds the web app runs at once (a thread each); more wait in a queue."),
    Setting("report_queue", 20, int, "Report builds that may wait in the web app's queue; one more is refused."),
    Setting(
        "http_max_retry_after",
        120.0,
        float,
        "Longest Retry-After wait (seconds) a data-source client honours; a longer one stops with a message.",
    ),
    Setting(
        "database_url", "", str, "URL of the operational store (PostgreSQL); empty: SQLite beside the DuckDB store."
    ),
    Setting("write_wait_s", 600.0, float, "Seconds a writer of the store waits for another writer before giving up."),
    Setting(
        "brott_alfa",
        0.05,
        float,
        "Level of the crime lägesbild's change rule (exact conditional Poisson test, one-sided).",
    ),
    Setting(
        "brott_min_svarande",
        200,
        int,
        "NTU values with fewer respondents are flagged 'få svarande' in the crime lägesbild.",
    ),
    Setting("brott_kategorier", "", str, "Comma-separated incident category codes; empty: the EST seed list."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclasses.dataclass(frozen=True)
class Settings:
    """Immutable resolved settings. Build with :func:`resolve_settings`."""

    store: str = "lagesbild.duckdb"
    lang: str = "sv"
    crs: str = "EPSG:3006"
    suppress_min_count: int = 5
    suppress_min_denominator: int = 20
    enkat_min_n: int = 25
    enkat_priorities: int = 5
    cache: str = "~/.cache/lagesbild"
    scb_api: str = "https://statistikdatabasen.scb.se/api/v2"
    scb_api_v1: str = "https://api.scb.se/OV0104/v1/doris/sv/ssd"
    scb_geo_api: str = "https://geodata.scb.se/geoserver/stat/wfs"
    kolada_api: str = "https://api.kolada.se/v3"
    skolverket_api: str = "https://api.skolverket.se/planned-educations/v4"
    http_timeout: float = 30.0
    http_retries: int = 5
    scb_max_cells: int = 150000
    scb_calls_per_window: int = 30
    scb_window_s: float = 10.0
    kolada_per_page: int = 5000
    simplify_tolerance: float = 25.0
    host: str = "127.0.0.1"
    port: int = 8000
    demo_rebuild: bool = False
    secret_key: str = ""
    secret_file: str = ""
    secure_cookies: bool = False
    hsts_seconds: int = 0
    app_warmup: bool = True
    app_warmup_pages: bool = True
    page_builds: int = 1
    login_max_failures: int = 10
    login_window_s: int = 60
    report_slots: int = 2
    report_queue: int = 20
    http_max_retry_after: float = 120.0
    database_url: str = ""
    write_wait_s: float = 600.0
    brott_alfa: float = 0.05
    brott_min_svarande: int = 200
    brott_kategorier: str = ""

    @property
    def cache_dir(self) -> Path:
        return Path(self.cache).expanduser()

    def replace(self, **changes: Any) -> Settings:
        return resolve_settings(config_file=None, env={}, base=self, **changes)


def _coerce(name: str, value: Any, origin: str) -> Any:
    setting = _BY_NAME.get(name)
    if setting is None:
        raise ConfigError(
            f"Okänd inställning '{name}' i {origin}. Giltiga: {', '.join(sorted(_BY_NAME))}.",
            f"Unknown setting '{name}' in {origin}. Valid: {', '.join(sorted(_BY_NAME))}.",
        )
    try:
        if setting.type is bool and isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "ja"}
        return setting.type(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"Inställningen '{name}' i {origin} måste vara av typen {setting.type.__name__}. Fick {value!r}.",
            f"The setting '{name}' in {origin} must be of type {setting.type.__name__}. Got {value!r} instead.",
        ) from None


def resolve_settings(
    config_file: str | os.PathLike | None = "lagesbild.toml",
    env: Mapping[str, str] | None = None,
    base: Settings | None = None,
    **flags: Any,
) -> Settings:
    """Resolve settings once: defaults < config file < environment < flags.

    Parameters
    ----------
    config_file : path, optional
        A TOML file with a ``[lagesbild]`` table (or top-level keys). Missing is fine for the
        default name; a named file that does not exist is an error.
    env : mapping, optional
        Environment (default ``os.environ``); keys ``LAGESBILD_<NAME>``.
    **flags
        Values from CLI flags or keyword arguments; ``None`` means "not given".
    """
    values: dict[str, Any] = dataclasses.asdict(base or Settings())
    if config_file is not None:
        path = Path(config_file)
        if path.exists():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(
                    f"Konfigurationsfilen {path} kan inte läsas: {exc}.",
                    f"The configuration file {path} cannot be read: {exc}.",
                ) from None
            data = data.get("lagesbild", data)
            for k, v in data.items():
                values[k] = _coerce(k, v, str(path))
        elif str(config_file) != "lagesbild.toml":
            raise ConfigError(
                f"Konfigurationsfilen {path} finns inte.", f"The configuration file {path} does not exist."
            )
    env = os.environ if env is None else env
    for s in SETTINGS:
        key = f"LAGESBILD_{s.name.upper()}"
        if key in env and env[key] != "":
            values[s.name] = _coerce(s.name, env[key], f"miljövariabeln {key}")
    for k, v in flags.items():
        if v is not None:
            values[k] = _coerce(k, v, f"flaggan --{k.replace('_', '-')}")
    if values["lang"] not in {"sv", "en"}:
        raise ConfigError(
            f"Inställningen 'lang' måste vara 'sv' eller 'en'. Fick {values['lang']!r}.",
            f"The setting 'lang' must be 'sv' or 'en'. Got {values['lang']!r} instead.",
        )
    return Settings(**values)
