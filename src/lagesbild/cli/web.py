"""`lagesbild serve`: the web app (issue 7) on uvicorn."""

from __future__ import annotations

import typer

__all__ = ["register", "serve"]


def serve(
    host: str = typer.Option(None, "--host", help="Adress att lyssna på (standard 127.0.0.1)."),
    port: int = typer.Option(None, "--port", help="Port (standard 8000)."),
    workers: int = typer.Option(1, "--workers", help="Antal processer (läser samma lager skrivskyddat)."),
) -> None:
    """Starta webbappen (sidor, karta och API) på lagret, skrivskyddat och utan internet."""
    import os
    from pathlib import Path

    import uvicorn

    from lagesbild.cli._common import settings, tr
    from lagesbild.errors import NotFoundError

    s = settings()
    if not Path(s.store).exists():
        raise NotFoundError(f"Lagret {s.store} finns inte. Kör 'lagesbild init' eller 'make demo' först.",
                            f"The store {s.store} does not exist. Run 'lagesbild init' or 'make demo' first.")
    host = host or s.host
    port = port or s.port
    typer.echo(tr(f"lagesbild på http://{host}:{port}/ (lager {s.store}); avsluta med Ctrl+C",
                  f"lagesbild at http://{host}:{port}/ (store {s.store}); stop with Ctrl+C"))
    os.environ["LAGESBILD_STORE"] = str(Path(s.store).resolve())
    uvicorn.run("lagesbild.app.asgi:app", host=host, port=port, workers=max(1, workers),
                log_level="warning", proxy_headers=False, server_header=False, access_log=False,
                limit_concurrency=200, timeout_keep_alive=5)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the main Typer app."""
    app.command("serve")(serve)
