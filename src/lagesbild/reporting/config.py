"""Report configuration: the choices that decide a report, in YAML, hashed for the colophon.

A report is fully determined by its :class:`ReportConfig` and the store contents. The
configuration is written next to the report (``nulagesanalys_<kommun>_<year>.yaml``) and its SHA-256 over a
canonical JSON form (sorted keys, no output folder) is printed in the colophon, so the same
report can be regenerated exactly with ``lagesbild report --config <that file> --out DIR``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from lagesbild.errors import ConfigError, param_error

__all__ = ["SECTIONS", "FORMATS", "ReportConfig", "load_config", "merge", "config_hash", "dump_yaml"]

#: Section ids in report order.
SECTIONS = ("syfte", "sammanfattning", "befolkning", "omradestyper", "segregation", "profiler", "utveckling",
            "skola", "valdeltagande", "insatser", "enkat", "slutsatser", "metod", "bilagor")
FORMATS = ("html", "pdf", "docx")


@dataclass(frozen=True)
class ReportConfig:
    """Everything that decides a report's content.

    Parameters
    ----------
    kommun : str
        Kommun code (four digits, a string).
    year : int
        Reference year of the report.
    compare : tuple of str
        Kommuner to compare with (besides riket and the län).
    sections : tuple of str
        Section ids (see :data:`SECTIONS`), in report order.
    lang : {"sv", "en"}
    formats : tuple of str
        Any of "html", "pdf", "docx".
    suppress_min_count, suppress_min_denominator : int, optional
        Disclosure thresholds; default from the settings (5 and 20).
    n_boot : int
        Bootstrap draws for confidence intervals.
    seed : int
        Random seed of the bootstrap (makes the report reproducible).
    bandwidths : tuple of int
        Radii in metres of the multiscalar profile.
    kernel : str
        Kernel of the multiscalar profile (``triangular``, ``gaussian``, …; see
        :func:`lagesbild.services.measures.multiscalar_profile`).
    groups : tuple of str
        The two population groups of the segregation indices (store variables).
    self_contained : bool
        HTML only: put the chart scripts inside the one HTML file (for e-mailing) instead of
        an ``assets`` folder next to it.
    organisation : str
        The organisation that issues the report (on the cover), e.g. "Kommunstyrelsens förvaltning".
    version : str
        The document's own version (on the cover), e.g. "1.0" or "Remissversion".
    syfte : str, optional
        The text of "Syfte och bakgrund" (Markdown: paragraphs and "- " lists); empty → the
        default text that explains the assignment.
    texter : tuple of (section, path)
        The kommun's own text blocks: Markdown files merged at the start of a section, paths
        relative to the YAML file (``texter: {befolkning: texter/befolkning.md}`` in YAML).
    """

    kommun: str
    year: int
    compare: tuple[str, ...] = ()
    sections: tuple[str, ...] = SECTIONS
    lang: str = "sv"
    formats: tuple[str, ...] = FORMATS
    suppress_min_count: int | None = None
    suppress_min_denominator: int | None = None
    n_boot: int = 100
    seed: int = 2023
    bandwidths: tuple[int, ...] = (500, 1000, 2000, 4000, 8000)
    kernel: str = "triangular"
    groups: tuple[str, ...] = ("fodda_utrikes", "fodda_i_sverige")
    self_contained: bool = False
    organisation: str = ""
    version: str = ""
    syfte: str = ""
    texter: tuple[tuple[str, str], ...] = ()

    def __post_init__(self):
        where = "lagesbild report"
        k = str(self.kommun)
        if not (len(k) == 4 and k.isdigit()):
            raise param_error("kommun", where, "en kommunkod med fyra siffror, t.ex. '1480'",
                              "a four-digit kommun code, e.g. '1480'", self.kommun)
        for c in self.compare:
            if not (len(str(c)) == 4 and str(c).isdigit()):
                raise param_error("compare", where, "kommunkoder med fyra siffror", "four-digit kommun codes", c)
        if not isinstance(self.year, int) or not 1990 <= self.year <= 2100:
            raise param_error("year", where, "ett år, t.ex. 2023", "a year, e.g. 2023", self.year)
        bad = [s for s in self.sections if s not in SECTIONS]
        if bad or not self.sections:
            raise param_error("sections", where, f"avsnitt bland {', '.join(SECTIONS)}",
                              f"sections among {', '.join(SECTIONS)}", bad or list(self.sections))
        if self.lang not in ("sv", "en"):
            raise param_error("lang", where, "sv eller en", "sv or en", self.lang)
        badf = [f for f in self.formats if f not in FORMATS]
        if badf or not self.formats:
            raise param_error("format", where, "html, pdf och/eller docx", "html, pdf and/or docx",
                              badf or list(self.formats))
        if self.n_boot < 0:
            raise param_error("n_boot", where, "ett heltal ≥ 0", "an integer >= 0", self.n_boot)
        kernels = ("triangular", "uniform", "quadratic", "quartic", "gaussian", "exponential")
        if self.kernel not in kernels:
            raise param_error("kernel", where, ", ".join(kernels), ", ".join(kernels), self.kernel)
        if not isinstance(self.self_contained, bool):
            raise param_error("self_contained", where, "true eller false", "true or false", self.self_contained)
        if len(self.groups) != 2:
            raise param_error("groups", where, "exakt två gruppvariabler", "exactly two group variables",
                              list(self.groups))
        for name in ("organisation", "version", "syfte"):
            if not isinstance(getattr(self, name), str):
                raise param_error(name, where, "en text", "a text", getattr(self, name))
        badt = [sid for sid, _ in self.texter if sid not in SECTIONS]
        if badt:
            raise param_error("texter", where, f"avsnitt bland {', '.join(SECTIONS)}",
                              f"sections among {', '.join(SECTIONS)}", badt)
        for name in ("suppress_min_count", "suppress_min_denominator"):
            v = getattr(self, name)
            if v is not None and (not isinstance(v, int) or v < 0):
                raise param_error(name, where, "ett heltal ≥ 0", "an integer >= 0", v)

    def canonical(self) -> dict:
        """Plain dict with lists, in field order (what the YAML file holds)."""
        d = asdict(self)
        out = {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}
        out["texter"] = {sid: path for sid, path in self.texter}
        return out


_TUPLES = {"compare", "sections", "formats", "bandwidths", "groups"}
_BOOLS = {"true": True, "yes": True, "ja": True, "1": True, "false": False, "no": False, "nej": False, "0": False}


def _coerce(key: str, value):
    if key == "texter":
        if isinstance(value, (list, tuple)):
            return tuple((str(a), str(b)) for a, b in value)
        if not isinstance(value, dict):
            raise ConfigError(f"'texter' måste vara avsnitt och filnamn, t.ex. 'befolkning: texter/bef.md'. "
                              f"Fick {value!r}.",
                              f"'texter' must map sections to file names, e.g. 'befolkning: texter/bef.md'. "
                              f"Got {value!r}.")
        return tuple((str(k), str(v)) for k, v in value.items())
    if key in ("organisation", "version", "syfte") and value is not None and not isinstance(value, str):
        return str(value)
    if key in _TUPLES:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"'{key}' måste vara en lista. Fick {value!r}.",
                              f"'{key}' must be a list. Got {value!r}.")
        if key == "bandwidths":
            return tuple(int(v) for v in value)
        return tuple(str(v).zfill(4) if key == "compare" else str(v) for v in value)
    if key == "self_contained" and isinstance(value, str) and value.strip().lower() in _BOOLS:
        return _BOOLS[value.strip().lower()]
    if key == "kommun":
        return str(value).zfill(4) if isinstance(value, int) else str(value)
    if key in ("year", "n_boot", "seed"):
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"'{key}' måste vara ett heltal. Fick {value!r}.",
                              f"'{key}' must be an integer. Got {value!r}.") from None
    return value


def load_config(path) -> dict:
    """Read a YAML report configuration into a dict of known keys (unknown keys raise)."""
    import yaml

    p = Path(path)
    if not p.exists():
        raise ConfigError(f"Rapportinställningarna '{p}' finns inte.", f"The report settings '{p}' do not exist.")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"Filen '{p}' är inte giltig YAML: {exc}.", f"The file '{p}' is not valid YAML: {exc}.") \
            from None
    if not isinstance(data, dict):
        raise ConfigError(f"Filen '{p}' måste innehålla nycklar och värden.", f"The file '{p}' must hold a mapping.")
    known = {f.name for f in fields(ReportConfig)}
    base = p.resolve().parent
    if isinstance(data.get("texter"), dict):
        # paths relative to the YAML file, so the folder can be moved as a whole
        data["texter"] = {k: str((base / str(v)).resolve()) if not Path(str(v)).is_absolute() else str(v)
                          for k, v in data["texter"].items()}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"Okända nycklar i '{p}': {unknown}. Tillåtna: {sorted(known)}.",
                          f"Unknown keys in '{p}': {unknown}. Allowed: {sorted(known)}.")
    return {k: _coerce(k, v) for k, v in data.items()}


def merge(file_values: dict | None = None, **overrides) -> ReportConfig:
    """Build a :class:`ReportConfig`: file values, then non-None overrides (CLI flags win)."""
    vals = dict(file_values or {})
    vals.update({k: _coerce(k, v) for k, v in overrides.items() if v is not None})
    for req in ("kommun", "year"):
        if req not in vals:
            raise param_error(req, "lagesbild report", f"--{req} eller '{req}' i inställningsfilen",
                              f"--{req} or '{req}' in the settings file", None)
    try:
        return ReportConfig(**vals)
    except TypeError as exc:
        raise ConfigError(f"Ogiltiga rapportinställningar: {exc}.", f"Invalid report settings: {exc}.") from None


def config_hash(cfg: ReportConfig) -> str:
    """SHA-256 of the canonical JSON form of the configuration (hex)."""
    text = json.dumps(cfg.canonical(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dump_yaml(cfg: ReportConfig) -> str:
    """The configuration as YAML text (loads back into an equal configuration)."""
    import yaml

    return yaml.safe_dump(cfg.canonical(), allow_unicode=True, sort_keys=False)


def with_defaults(cfg: ReportConfig, settings) -> ReportConfig:
    """Fill the suppression thresholds from the settings where the configuration has none."""
    return replace(cfg,
                   suppress_min_count=cfg.suppress_min_count if cfg.suppress_min_count is not None
                   else int(getattr(settings, "suppress_min_count", 5)),
                   suppress_min_denominator=cfg.suppress_min_denominator
                   if cfg.suppress_min_denominator is not None
                   else int(getattr(settings, "suppress_min_denominator", 20)))
