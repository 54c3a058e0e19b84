"""The Télémaintenance screen's own rules, added to the shared style sheet: the stepper's markers, cards
and connectors. Colours come from ``ui.style`` so the screen matches the others."""

from __future__ import annotations

from ui.style import ACCENT, BACKGROUND, BORDER, INK, MUTED, SURFACE, TONES

DONE = TONES["ok"][1]
LOCKED = "#a3adba"
WARN_BG, WARN_FG = TONES["warn"]
DANGER_BG, DANGER_FG = TONES["danger"]

STYLE_SHEET = f"""
QWidget#telemaintenanceScreen {{ background: {BACKGROUND}; }}
QTableView#telemaintenanceTable {{
    background: {SURFACE}; alternate-background-color: #f6f8fb; border: 1px solid {BORDER};
    border-radius: 6px; gridline-color: transparent;
    selection-background-color: #d4e5f7; selection-color: {INK};
}}
QTableView#telemaintenanceTable::item {{ padding: 0 6px; }}
QPushButton[segment="true"] {{
    background: {SURFACE}; border: 1px solid {BORDER}; padding: 5px 14px; color: {MUTED};
}}
QPushButton[segment="true"]:checked {{
    background: {ACCENT}; border-color: {ACCENT}; color: #ffffff;
}}
QPushButton#tmFilterInProgress {{ border-top-left-radius: 5px; border-bottom-left-radius: 5px; }}
QPushButton#tmFilterAll {{ border-top-right-radius: 5px; border-bottom-right-radius: 5px; }}

QScrollArea#telemaintenanceDetailPanel {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QWidget#telemaintenanceDetailContent {{ background: {SURFACE}; }}
QLabel#tmHeaderReference {{ font-size: 15pt; font-weight: 700; font-family: "DejaVu Sans Mono", monospace; }}
QLabel#tmHeaderClient {{ font-size: 13pt; font-weight: 600; }}
QLabel#tmWaited {{ background: {WARN_BG}; color: {WARN_FG}; border-radius: 5px; padding: 6px 10px; }}

QLabel#tmStepMarker {{
    min-width: 26px; max-width: 26px; min-height: 26px; max-height: 26px; border-radius: 13px;
    font-weight: 700; qproperty-alignment: AlignCenter;
}}
QLabel#tmStepMarker[state="done"] {{ background: {DONE}; color: #ffffff; }}
QLabel#tmStepMarker[state="current"] {{ background: {ACCENT}; color: #ffffff; }}
QLabel#tmStepMarker[state="locked"], QLabel#tmStepMarker[state="skipped"] {{
    background: #eceff3; color: {LOCKED}; border: 1px solid {BORDER};
}}
QLabel#tmStepMarker[highlight="true"] {{ background: {DANGER_FG}; color: #ffffff; border: none; }}
QFrame#tmStepLine {{ background: {BORDER}; min-width: 2px; max-width: 2px; }}
QFrame#tmStepLine[state="done"] {{ background: #8cc79d; }}

QLabel#tmStepTitle {{ font-size: 11pt; font-weight: 600; }}
QLabel#tmStepTitle[state="locked"], QLabel#tmStepTitle[state="skipped"] {{ color: {LOCKED}; font-weight: 600; }}
QLabel#tmStepWhen {{ color: {MUTED}; }}
QLabel#tmStepLock {{ color: {LOCKED}; }}
QFrame#tmStepCard {{ background: transparent; border: none; }}
QFrame#tmStepCard[state="current"] {{ background: #f7fafd; border: 1px solid #b9d2ee; border-radius: 6px; }}
QFrame#tmStepCard[highlight="true"] {{ border: 2px solid {DANGER_FG}; border-radius: 6px; }}
QLabel[role="evidenceKey"] {{ color: {MUTED}; }}
QLabel#tmFilesDifference {{ background: {WARN_BG}; color: {WARN_FG}; border-radius: 5px; padding: 5px 9px; }}
QLabel#tmFilesConform {{ color: {DONE}; }}
QLabel#tmNonRtc {{ background: {WARN_BG}; color: {WARN_FG}; border-radius: 5px; padding: 3px 8px; }}
QLabel#tmStepError {{ background: {DANGER_BG}; color: {DANGER_FG}; border-radius: 5px; padding: 6px 10px; }}
QFrame#tmEnding {{ background: {DANGER_BG}; border: 1px solid #eba9a3; border-radius: 6px; }}
QFrame#tmEnding QLabel {{ color: {DANGER_FG}; }}
QFrame#tmFinished {{ background: {TONES["ok"][0]}; border: 1px solid #a9d8b6; border-radius: 6px; }}
QFrame#tmFinished QLabel {{ color: {TONES["ok"][1]}; }}
QPushButton[primary="true"] {{
    background: {ACCENT}; color: #ffffff; border: none; border-radius: 5px; padding: 7px 18px; font-weight: 600;
}}
QPushButton[primary="true"]:disabled {{ background: #9fbad3; }}
QPushButton[primary="true"]:focus {{ border: 2px solid {INK}; }}
QPushButton[danger="true"] {{ color: {DANGER_FG}; }}
QPushButton[link="true"] {{
    background: transparent; border: none; color: {ACCENT}; padding: 1px 0; text-decoration: underline;
}}
QPushButton[link="true"]:hover {{ color: {INK}; }}
QPushButton[link="true"]:focus {{ outline: none; color: {INK}; }}
QLabel#tmRecordWhen {{ color: {MUTED}; font-family: "DejaVu Sans Mono", monospace; }}
QFrame#tmRecord {{ background: #fafbfc; border: 1px solid {BORDER}; border-radius: 6px; }}
QFrame#tmRecord QLabel {{ background: transparent; }}
"""
