"""Settings and paths: where the data, settings and logs live, which database, which station.

Everything a user can set outside the database lives in one JSON file in the per-user config dir.
Secrets never go there (see ``app.secrets``). ``HOTLINE_HOME`` redirects every directory under one
folder, which keeps tests and portable installs away from the user's real profile.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

from app.files import write_atomically

APP_NAME = "hotline"
APP_AUTHOR = "DEFI INFORMATIQUE"
SETTINGS_FILE = "settings.json"
SOLO_DB_FILE = "hotline.sqlite3"
DEMO_DB_FILE = "demo.sqlite3"


class ConfigError(ValueError):
    """A setting is missing or malformed; the message says what to do."""


@dataclass(frozen=True)
class Paths:
    data: Path
    config: Path
    log: Path

    @property
    def settings_file(self) -> Path:
        return self.config / SETTINGS_FILE

    @property
    def solo_db(self) -> Path:
        return self.data / SOLO_DB_FILE

    @property
    def demo_db(self) -> Path:
        return self.data / DEMO_DB_FILE

    def ensure(self) -> None:
        for folder in (self.data, self.config, self.log):
            folder.mkdir(parents=True, exist_ok=True)


def user_paths() -> Paths:
    """The per-user folders, or the ones under ``HOTLINE_HOME`` when it is set."""
    home = os.environ.get("HOTLINE_HOME")
    if home:
        base = Path(home)
        return Paths(data=base / "data", config=base / "config", log=base / "log")
    return Paths(
        data=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        log=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )


@dataclass
class Settings:
    """What the user (or an admin) sets for this workstation."""

    station_code: str | None = None
    technician_login: str | None = None
    technician_name: str | None = None
    # Team mode: a SQLAlchemy URL *without* password; the password lives in the OS keyring.
    database_url: str | None = None
    alsace_moselle: bool = False
    vendor_name: str = "DEFI INFORMATIQUE"
    vendor_address: str = "2 rue de l'Euron – 54320 MAXEVILLE"
    vendor_phone: str = "03 83 90 10 00"
    # The client portal's sync API (docs/sync.md); its token lives in the OS keyring, never here.
    portal_url: str | None = None
    sync_interval_seconds: int = 60
    extra: dict[str, object] = field(default_factory=dict)

    @classmethod
    def load(cls, paths: Paths | None = None) -> Settings:
        paths = paths or user_paths()
        try:
            raw = json.loads(paths.settings_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, json.JSONDecodeError) as exc:
            raise ConfigError(
                f"Fichier de réglages illisible ({paths.settings_file}) : {exc}. "
                "Corrigez-le ou supprimez-le pour repartir des réglages par défaut."
            ) from exc
        if not isinstance(raw, dict):
            raise ConfigError(f"Fichier de réglages invalide ({paths.settings_file}) : objet JSON attendu.")
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self, paths: Paths | None = None) -> None:
        """Write atomically: a crash mid-write leaves the previous file intact."""
        paths = paths or user_paths()
        paths.config.mkdir(parents=True, exist_ok=True)
        data = json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)
        write_atomically(paths.settings_file, data, prefix=".settings-")


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def resolve_database_url(cli_value: str | None, settings: Settings, paths: Paths) -> str:
    """``--db`` first, then ``HOTLINE_DB``, then the team URL in settings, else the solo SQLite file.

    A bare path (no ``://``) is taken as an SQLite file.
    """
    for candidate in (cli_value, os.environ.get("HOTLINE_DB"), settings.database_url):
        if candidate:
            candidate = candidate.strip()
            if "://" not in candidate:
                return sqlite_url(Path(candidate).expanduser().resolve())
            return candidate
    return sqlite_url(paths.solo_db)


def database_mode(url: str) -> str:
    """``solo`` for an embedded SQLite file, ``team`` for a shared server."""
    return "solo" if url.startswith("sqlite") else "team"
