"""``lagesbild serve``: the web app on uvicorn, built from this invocation's settings."""

from __future__ import annotations

import typer

from lagesbild.i18n import t

__all__ = ["register", "serve"]


def serve(
    host: str = typer.Option(None, "--host", help=t("cli.serve_host", "sv")),
    port: int = typer.Option(None, "--port", help=t("cli.serve_port", "sv")),
) -> None:
    """Starta webbappen (sidor, karta, API och insatsregistret) på lagret, utan internet."""
    from pathlib import Path

    import uvicorn

    from lagesbild.app import create_app
    from lagesbild.cli._common import settings
    from lagesbild.errors import NotFoundError
    from lagesbild.i18n import pair

    s = settings()
    if not Path(s.store).exists():
        raise NotFoundError(*pair("cli.serve_no_store", store=s.store))
    host = host or s.host
    port = port or s.port
    # the settings object itself is handed to the app: --config, --lang and every other
    # setting given to this command reach the server unchanged
    app = create_app(settings=s)
    # hand the interpreter to the event loop sooner while pool threads compute (first visits,
    # password checks): the default 5 ms switch interval queues static files and cached pages
    # behind them
    import gc
    import sys

    sys.setswitchinterval(0.001)
    # a first visit allocates many short-lived pandas objects beside the long-lived national
    # tables: collecting the youngest generation every 20 000 allocations instead of 700 spends
    # less of the page's time on collections that find little to free
    gc.set_threshold(20_000, 20, 20)
    typer.echo(t("cli.serve_listening", s.lang, host=host, port=port, store=s.store))
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False, server_header=False,
                access_log=False, limit_concurrency=200, timeout_keep_alive=5)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the main Typer app."""
    app.command("serve")(serve)
