"""Product releases and the versions installed at clients (R-20): who must apply what, by when.

Every change is audited in the same transaction; the caller commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.db.models import Client, Installation, Product, Release
from app.domain.versions import ReleaseInfo, VersionState, VersionStatus, version_status
from app.services import audit
from app.services.incidents import Actor
from app.services.products import ProductError, product_by_code


class ReleaseError(ValueError):
    """A release or installed-version change refused; the message is French."""


def _product(session: Session, code: str) -> Product:
    try:
        product = product_by_code(session, code)
    except ProductError as exc:
        raise ReleaseError(str(exc)) from exc
    if product is None:
        raise ReleaseError("Indiquez le logiciel (son code).")
    return product


def _info(release: Release) -> ReleaseInfo:
    return ReleaseInfo(release.version, release.released_on, release.substantial_change)


@dataclass(frozen=True)
class ReleaseRow:
    id: uuid.UUID
    product_code: str
    product_name: str
    version: str
    released_on: date
    substantial: bool
    sheet: str
    installed_at: int  # how many installations run it


def list_releases(session: Session, product_code: str | None = None) -> list[ReleaseRow]:
    """Releases, newest first, with how many client installations run each."""
    query = select(Release).options(selectinload(Release.product)).order_by(Release.released_on.desc())
    if product_code:
        query = query.where(Release.product_id == _product(session, product_code).id)
    releases = list(session.execute(query).scalars())
    counts: dict[uuid.UUID, int] = {}
    for release_id in session.execute(
        select(Installation.release_id).where(Installation.release_id.is_not(None))
    ).scalars():
        counts[release_id] = counts.get(release_id, 0) + 1
    return [
        ReleaseRow(
            r.id,
            r.product.code,
            r.product.name,
            r.version,
            r.released_on,
            r.substantial_change,
            r.sheet,
            counts.get(r.id, 0),
        )
        for r in releases
    ]


def add_release(
    session: Session,
    actor: Actor,
    product_code: str,
    version: str,
    released_on: date,
    *,
    substantial: bool = False,
    sheet: str = "",
) -> uuid.UUID:
    """A new version with its descriptive sheet (art. 4.6); ``substantial`` when it changes the operating
    conditions (hardware needs, system version)."""
    product = _product(session, product_code)
    version = version.strip()
    if not version or len(version) > 32:
        raise ReleaseError("Numéro de version invalide (1 à 32 caractères).")
    if not sheet.strip():
        raise ReleaseError("La fiche descriptive de la nouvelle version est obligatoire (art. 4.6).")
    exists = session.execute(
        select(Release.id).where(Release.product_id == product.id, Release.version == version)
    ).first()
    if exists:
        raise ReleaseError(f"La version {version} de {product.code} existe déjà.")
    release = Release(
        product_id=product.id,
        version=version,
        released_on=released_on,
        substantial_change=substantial,
        sheet=sheet.strip(),
    )
    session.add(release)
    session.flush()
    audit.append(
        session,
        kind="release_added",
        subject=f"{product.code} {version}",
        payload={"released_on": released_on.isoformat(), "substantial": substantial, "sheet": release.sheet},
        actor=actor.name,
        station=actor.station,
    )
    return release.id


def update_release(
    session: Session, actor: Actor, release_id: uuid.UUID, *, substantial: bool | None = None, sheet: str | None = None
) -> None:
    """Correct the descriptive sheet or the « substantial » flag of a release."""
    release = session.get(Release, release_id)
    if release is None:
        raise ReleaseError("Version inconnue.")
    before = {"substantial": release.substantial_change, "sheet": release.sheet}
    if substantial is not None:
        release.substantial_change = substantial
    if sheet is not None:
        if not sheet.strip():
            raise ReleaseError("La fiche descriptive de la nouvelle version est obligatoire (art. 4.6).")
        release.sheet = sheet.strip()
    after = {"substantial": release.substantial_change, "sheet": release.sheet}
    if after != before:
        product = session.get(Product, release.product_id)
        assert product is not None
        audit.append(
            session,
            kind="release_changed",
            subject=f"{product.code} {release.version}",
            payload={"before": before, "after": after},
            actor=actor.name,
            station=actor.station,
        )
    session.flush()


def set_installed_version(
    session: Session, actor: Actor, client_code: str, product_code: str, version: str, installed_on: date
) -> None:
    """Record that a client now runs ``version`` of a product (R-20)."""
    product = _product(session, product_code)
    client = session.execute(select(Client).where(Client.code == client_code.strip().upper())).scalar_one_or_none()
    if client is None:
        raise ReleaseError(f"Client inconnu : « {client_code} ».")
    installation = (
        session.execute(
            select(Installation).where(Installation.client_id == client.id, Installation.product_id == product.id)
        )
        .scalars()
        .first()
    )
    if installation is None:
        raise ReleaseError(f"{product.code} n'est pas installé chez {client.code} : déclarez d'abord l'installation.")
    release = session.execute(
        select(Release).where(Release.product_id == product.id, Release.version == version.strip())
    ).scalar_one_or_none()
    if release is None:
        raise ReleaseError(f"Version {version} de {product.code} inconnue : ajoutez-la d'abord (hotline release add).")
    if installed_on < release.released_on:
        raise ReleaseError(
            f"La version {release.version} est sortie le {release.released_on:%d/%m/%Y}, "
            f"après le {installed_on:%d/%m/%Y}."
        )
    previous = installation.release.version if installation.release else None
    installation.release_id, installation.installed_on = release.id, installed_on
    audit.append(
        session,
        kind="installed_version",
        subject=client.code,
        payload={
            "product": product.code,
            "version": release.version,
            "previous": previous,
            "installed_on": installed_on.isoformat(),
        },
        actor=actor.name,
        station=actor.station,
    )
    session.flush()


@dataclass(frozen=True)
class InstallationVersion:
    client_code: str
    client_name: str
    product_code: str
    status: VersionStatus


def _statuses(session: Session, on: date, client_id: uuid.UUID | None = None) -> list[InstallationVersion]:
    releases: dict[uuid.UUID, list[ReleaseInfo]] = {}
    by_id: dict[uuid.UUID, ReleaseInfo] = {}
    for release in session.execute(select(Release)).scalars():
        info = _info(release)
        releases.setdefault(release.product_id, []).append(info)
        by_id[release.id] = info
    query = (
        select(Installation, Client.code, Client.name, Product.code)
        .join(Client, Client.id == Installation.client_id)
        .join(Product, Product.id == Installation.product_id)
        .order_by(Client.code, Product.code)
    )
    if client_id is not None:
        query = query.where(Installation.client_id == client_id)
    out = []
    for installation, code, name, product_code in session.execute(query):
        installed = by_id.get(installation.release_id) if installation.release_id else None
        out.append(
            InstallationVersion(
                code, name, product_code, version_status(installed, releases.get(installation.product_id, []), on)
            )
        )
    return out


def client_versions(session: Session, client_code: str, on: date) -> list[InstallationVersion]:
    """Each installation of the client with its version state and deadline."""
    client = session.execute(select(Client).where(Client.code == client_code.strip().upper())).scalar_one_or_none()
    if client is None:
        raise ReleaseError(f"Client inconnu : « {client_code} ».")
    return _statuses(session, on, client.id)


def overdue_installations(session: Session, on: date) -> list[InstallationVersion]:
    """R-20/R-07: installations past their deadline for the next version, oldest deadline first."""
    late = [row for row in _statuses(session, on) if row.status.state is VersionState.OVERDUE]
    return sorted(late, key=lambda r: (r.status.deadline or on, r.client_code, r.product_code))
