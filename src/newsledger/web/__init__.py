"""Web UI and HTTP API: ``create_app(settings_or_db_url, token=None)``; ``newsledger serve`` runs it."""

from .app import create_app

__all__ = ["create_app"]
