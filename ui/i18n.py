"""The user interface language: French by default, from ``resources/i18n`` (DESIGN.md, i18n).

Source strings in ``ui/`` are English inside ``tr()``; the French lives in ``hotline_fr.ts``, compiled to
``hotline_fr.qm`` (see ``resources/i18n/update.py``). Qt's own French (standard buttons, the context
menu of a text field) comes from the ``qtbase_fr.qm`` PySide6 ships.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("hotline.ui.i18n")

DEFAULT_LANGUAGE = "fr"
_CATALOG_PREFIX = "hotline_"

# Translators must outlive the call that installs them (Qt keeps only a pointer).
_installed: list[QTranslator] = []


def catalog_dir() -> Path:
    """The folder holding the application's ``.ts`` and ``.qm`` files."""
    return Path(str(resources.files("resources") / "i18n"))


def install_translators(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> bool:
    """Install the application's and Qt's translations for ``language`` on ``app``.

    English is the source language and needs no catalogue. Returns False (and logs why) when the
    application catalogue is missing, in which case the interface shows the English source strings.
    Calling it again replaces what an earlier call installed.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return True
    QLocale.setDefault(QLocale(language))

    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)

    ours = QTranslator(app)
    path = catalog_dir() / f"{_CATALOG_PREFIX}{language}.qm"
    if not ours.load(str(path)):
        log.warning("translation catalogue not found or unreadable: %s", path)
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    return True
