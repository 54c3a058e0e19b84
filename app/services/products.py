"""The vendor's products (*progiciels*) as intake and the CLI name them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Product


class ProductError(ValueError):
    """An unknown product code; the message lists the known ones."""


def product_by_code(session: Session, code: str | None) -> Product | None:
    """The product with this code (any case), None when no code is given; ProductError when unknown."""
    if not code or not code.strip():
        return None
    product = session.execute(select(Product).where(Product.code == code.strip().upper())).scalar_one_or_none()
    if product is None:
        names = ", ".join(session.execute(select(Product.code).order_by(Product.code)).scalars())
        raise ProductError(f"Logiciel « {code} » inconnu (logiciels : {names}).")
    return product
