"""Who and where: the resolved settings a running app (GUI or CLI) works with."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app import secrets
from app.config import Paths, Settings, database_mode, resolve_database_url, sqlite_url, user_paths
from app.db.engine import describe_location, make_engine, session_factory

DEMO_STATION = "DEF"


@dataclass
class AppContext:
    paths: Paths
    settings: Settings
    database_url: str
    demo: bool = False

    @classmethod
    def resolve(cls, db: str | None = None, *, demo: bool = False) -> AppContext:
        paths = user_paths()
        settings = Settings.load(paths)
        url = sqlite_url(paths.demo_db) if demo and not db else resolve_database_url(db, settings, paths)
        return cls(paths=paths, settings=settings, database_url=url, demo=demo)

    @property
    def mode(self) -> str:
        return database_mode(self.database_url)

    @property
    def location(self) -> str:
        return describe_location(self.database_url)

    @property
    def station(self) -> str | None:
        return self.settings.station_code or (DEMO_STATION if self.demo else None)

    @property
    def technician_login(self) -> str:
        if self.settings.technician_login:
            return self.settings.technician_login
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "technicien"

    @property
    def technician_name(self) -> str:
        return self.settings.technician_name or self.technician_login

    def database_password(self) -> str | None:
        """The team database password from the keyring (or this session's memory), if any is needed."""
        url = make_url(self.database_url)
        if url.get_backend_name() == "sqlite" or url.password is not None:
            return None
        return secrets.get_secret(secrets.database_secret_name(url.username, url.host, url.database))

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.database_url, password=self.database_password())

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return session_factory(self.engine)
