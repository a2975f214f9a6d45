"""`lagesbild backup FIL` and `lagesbild restore FIL`: both stores in one checksummed archive."""

from __future__ import annotations

from pathlib import Path

import typer

__all__ = ["register"]


def _summary(manifest: dict, path: Path, lang: str, key: str) -> str:
    from lagesbild.i18n import t

    rows = manifest.get("operational_rows") or {}
    size = (manifest.get("files") or {}).get("analytical.duckdb", {}).get("size", 0)
    secrets = ", ".join(manifest.get("secrets") or []) or t("store.backup_no_secrets", lang)
    return t(key, lang, path=path, tables=len(rows), rows=sum(rows.values()),
             mb=f"{size / 1e6:.1f}".replace(".", t("common.decimal_sep", lang)), secrets=secrets)


def register(app: typer.Typer) -> None:
    """Add ``backup`` and ``restore``."""

    @app.command("backup")
    def backup(fil: Path = typer.Argument(..., help="Arkivet som skrivs (.tar.gz)."),
               med_hemligheter: bool = typer.Option(False, "--med-hemligheter",
                                                    help="Ta med hemlig konfiguration (signeringsnyckeln)."),
               fmt: str = typer.Option("table", "--format")) -> None:
        """Säkerhetskopiera analyslagret och driftlagret till ett arkiv med kontrollsummor."""
        from lagesbild.cli._common import emit, settings, store
        from lagesbild.services.backup import backup_stores

        manifest = backup_stores(store(), fil, with_secrets=med_hemligheter)
        if fmt == "json":
            emit({k: manifest[k] for k in ("lagesbild_version", "created_at", "operational_rows", "secrets")},
                 "json")
        else:
            typer.echo(_summary(manifest, fil, settings().lang, "store.backup_done"))

    @app.command("restore")
    def restore(fil: Path = typer.Argument(..., help="Ett arkiv från 'lagesbild backup'."),
                med_hemligheter: bool = typer.Option(False, "--med-hemligheter",
                                                     help="Skriv tillbaka hemlig konfiguration från arkivet."),
                fmt: str = typer.Option("table", "--format")) -> None:
        """Återställ båda lagren från ett arkiv (kontrolleras helt innan något ändras)."""
        from lagesbild.cli._common import emit, settings, store
        from lagesbild.services.backup import restore_stores

        manifest = restore_stores(store(), fil, with_secrets=med_hemligheter)
        if fmt == "json":
            emit({k: manifest[k] for k in ("lagesbild_version", "created_at", "operational_rows", "secrets")},
                 "json")
        else:
            typer.echo(_summary(manifest, fil, settings().lang, "store.restore_done"))
