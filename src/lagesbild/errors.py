"""Typed errors and warnings with one message format, in Swedish and English.

Every error carries its message in Swedish (the default) and optionally in English.
The CLI prints ``error.message(lang)`` on one line and exits with status 2; the web app
maps the class to an HTTP status (``InputError`` → 400/422, ``NotFoundError`` → 404,
``DataSourceError`` → 502).

Message format (CONTRIBUTING.md, "Errors"): name the parameter, file, row or column, the
constraint, and the value that was given, e.g.
``Parametern 'bandwidth' måste vara ett tal > 0 (meter). Fick -500.``
"""

from __future__ import annotations

__all__ = [
    "LagesbildError",
    "InputError",
    "SchemaError",
    "GeographyVersionError",
    "NotFoundError",
    "ConfigError",
    "DataSourceError",
    "RateLimitError",
    "TooManyCellsError",
    "KpiTitleMismatchError",
    "ConvergenceError",
    "NotFittedError",
    "PersonalDataError",
    "ConflictError",
    "PermissionDeniedError",
    "LagesbildWarning",
    "DroppedUnitsWarning",
    "SmallCellWarning",
    "SuppressedValueWarning",
    "ReconstructedValueWarning",
    "param_error",
]


class LagesbildError(Exception):
    """Root of all lagesbild errors.

    Parameters
    ----------
    sv : str
        The message in Swedish (shown by default).
    en : str, optional
        The same message in English; falls back to ``sv``.
    hint : str, optional
        A short Swedish hint on what to do (``hint_en`` for English).
    """

    def __init__(self, sv: str, en: str | None = None, *, hint: str | None = None,
                 hint_en: str | None = None) -> None:
        super().__init__(sv)
        self.sv = sv
        self.en = en or sv
        self.hint = hint
        self.hint_en = hint_en or hint

    def message(self, lang: str = "sv") -> str:
        """Return the one-line message in ``lang`` ('sv' or 'en')."""
        english = (lang or "sv").lower().startswith("en")
        msg = self.en if english else self.sv
        hint = self.hint_en if english else self.hint
        text = f"{msg} ({hint})" if hint else msg
        return " ".join(text.split())  # always one line

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.sv


class InputError(ValueError, LagesbildError):
    """Bad arguments or data."""

    def __init__(self, sv: str, en: str | None = None, **kw) -> None:
        LagesbildError.__init__(self, sv, en, **kw)


class SchemaError(InputError):
    """Missing or invalid columns, codes or types."""


class GeographyVersionError(InputError):
    """An area code of the wrong or an unknown geography version."""


class NotFoundError(InputError):
    """A code, year or object that does not exist (HTTP 404)."""


class ConflictError(InputError):
    """Data conflicting with what the store already holds."""


class PersonalDataError(InputError):
    """Personal identity numbers or other personal data in the input."""


class PermissionDeniedError(LagesbildError):
    """The user lacks the role for an action."""


class ConfigError(LagesbildError):
    """A bad configuration file, environment variable or flag."""


class DataSourceError(LagesbildError):
    """HTTP/API problems with an external data source."""


class RateLimitError(DataSourceError):
    """The source kept answering 429 after all retries."""


class TooManyCellsError(DataSourceError):
    """A request exceeds the source's cell limit."""


class KpiTitleMismatchError(DataSourceError):
    """A Kolada KPI id whose title no longer matches the expected one."""


class ConvergenceError(LagesbildError):
    """An iterative algorithm (e.g. IPF) did not converge."""


class NotFittedError(ValueError, AttributeError, LagesbildError):
    """A stateful estimator was used before ``fit``."""

    def __init__(self, sv: str, en: str | None = None, **kw) -> None:
        LagesbildError.__init__(self, sv, en, **kw)


class LagesbildWarning(UserWarning):
    """Root of lagesbild warnings."""


class DroppedUnitsWarning(LagesbildWarning):
    """Units were dropped (e.g. empty units) before computing."""


class SmallCellWarning(LagesbildWarning):
    """Counts are small enough to make a value unreliable."""


class SuppressedValueWarning(LagesbildWarning):
    """Values were suppressed by disclosure control."""


class ReconstructedValueWarning(LagesbildWarning):
    """A value is reconstructed by lagesbild, not official."""


def param_error(name: str, where: str, expected_sv: str, expected_en: str, got: object,
                cls: type[LagesbildError] = InputError) -> LagesbildError:
    """Build an error in the one parameter-message format.

    Examples
    --------
    >>> e = param_error("bandwidth", "spatial.smooth", "ett tal > 0 (meter)",
    ...                 "a float > 0 (metres)", -500)
    >>> e.message("en")
    "The 'bandwidth' parameter of spatial.smooth must be a float > 0 (metres). Got -500 instead."
    """
    return cls(
        f"Parametern '{name}' i {where} måste vara {expected_sv}. Fick {got!r}.",
        f"The '{name}' parameter of {where} must be {expected_en}. Got {got!r} instead.",
    )
